package fontinfo

import (
	"strings"
	"testing"

	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifregular"
)

func TestGeneric(t *testing.T) {
	for _, tc := range []struct {
		name string
		ttf  []byte
		want Generic
	}{
		{"Liberation Serif", liberationserifregular.TTF, Serif},
		{"Liberation Sans", liberationsansregular.TTF, SansSerif},
		{"Liberation Mono", liberationmonoregular.TTF, Monospace},
		// No tables: the name decides.
		{"Council Serif", nil, Serif},
		{"Council Mono", []byte("not a font"), Monospace},
		{"Council", nil, SansSerif},
	} {
		if got := Parse(tc.ttf).Generic(tc.name); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestParsePanose(t *testing.T) {
	in := Parse(liberationserifregular.TTF)
	if !in.HasOS2 || in.Panose[0] != 2 || in.Panose[1] == 0 {
		t.Errorf("Liberation Serif: OS/2 %v, PANOSE %v; want a Latin text face's PANOSE", in.HasOS2, in.Panose)
	}
	// Truncated files never panic and give no OS/2.
	for n := 0; n < 400; n += 7 {
		if in := Parse(liberationserifregular.TTF[:n]); in.HasOS2 {
			t.Errorf("%d bytes: OS/2 found", n)
		}
	}
}

func TestStack(t *testing.T) {
	for _, tc := range []struct {
		name string
		g    Generic
		want string
	}{
		{"Liberation Serif", Serif, "'Liberation Serif', 'Times New Roman', 'Times', serif"},
		{"Arial", SansSerif, "'Arial', 'Helvetica', sans-serif"},
		{`Evil'; } body { x: "`, SansSerif, "'Evil  body  x:', 'Arial', 'Helvetica', sans-serif"},
		{"", Monospace, "'Courier New', 'Courier', monospace"},
	} {
		if got := Stack(tc.name, tc.g); got != tc.want {
			t.Errorf("Stack(%q) = %s, want %s", tc.name, got, tc.want)
		}
	}
}

// FuzzParse reads damaged font files and names: never a panic, and the
// stack is always safe in a style sheet and an XML attribute.
func FuzzParse(f *testing.F) {
	f.Add(liberationserifregular.TTF[:2048], "Liberation Serif")
	f.Add([]byte("\x00\x01\x00\x00\x00\x05"), `Evil"'<>&;{}\`)
	f.Fuzz(func(t *testing.T, ttf []byte, name string) {
		s := Stack(name, Parse(ttf).Generic(name))
		if strings.ContainsAny(s, `"\<>&;{}`) || strings.Count(s, "'")%2 != 0 {
			t.Fatalf("unsafe stack %s", s)
		}
	})
}
