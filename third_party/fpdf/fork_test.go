package fpdf

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"github.com/klauspost/compress/zlib"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
)

// The tests of paper's changes to fpdf (FORK.md): each must give exactly
// the bytes upstream's code gives.

// TestGenerateFontIDIsJSONSHA1 checks the direct encoding against
// encoding/json, upstream's way, on real fonts and on edge cases.
func TestGenerateFontIDIsJSONSHA1(t *testing.T) {
	want := func(fdt fontDefType) string {
		fdt.File = ""
		b, err := json.Marshal(&fdt)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%x", sha1.Sum(b))
	}
	defs := []fontDefType{
		{},
		{Tp: "Core", Name: "a<b>&\"c\\\u2028\xff", Cw: []int{}, Enc: "cp1252", Diff: "x", File: "f.z", Size1: -1, Size2: 7, OriginalSize: 3, N: 4, DiffN: 5,
			Desc: FontDescType{Ascent: 1, Descent: -2, CapHeight: 3, Flags: 4, FontBBox: fontBoxType{-5, -6, 7, 8}, ItalicAngle: -12, StemV: 80, MissingWidth: 600}},
		{Cw: make([]int, 70000), Up: -100, Ut: 50},
	}
	for _, ttf := range [][]byte{liberationsansregular.TTF, liberationsansbold.TTF, dejavusans.TTF} {
		f := New("P", "mm", "A4", "")
		f.AddUTF8FontFromBytes("x", "", ttf)
		if f.Err() {
			t.Fatal(f.Error())
		}
		for _, d := range f.fonts {
			defs = append(defs, d)
		}
	}
	if len(defs) != 6 {
		t.Fatalf("%d definitions, want 6", len(defs))
	}
	for i, d := range defs {
		got, err := generateFontID(d)
		if err != nil {
			t.Fatal(err)
		}
		if w := want(d); got != w {
			t.Errorf("definition %d: id %s, encoding/json gives %s", i, got, w)
		}
	}
}

// TestCompressReusesWritersExactly compresses streams of many sizes,
// from many goroutines at once, through reused zlib writers, and compares
// each with what a new writer gives.
func TestCompressReusesWritersExactly(t *testing.T) {
	fresh := func(data []byte) []byte {
		var b bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&b, zlib.BestSpeed)
		zw.Write(data)
		zw.Close()
		return b.Bytes()
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(g), 7))
			for i := range 50 {
				data := make([]byte, rng.IntN(1<<uint(4+i%14)))
				for j := range data {
					data[j] = byte(rng.IntN(1 + i%20)) // from runs of zeros to noise
				}
				mem := xmem.compress(data)
				got := bytes.Clone(mem.bytes())
				mem.release()
				if want := fresh(data); !bytes.Equal(got, want) {
					t.Errorf("goroutine %d, stream %d (%d bytes): reused writer's output differs from a new writer's", g, i, len(data))
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestCopyUTF8FontSameBytes writes one page with a font copied from a
// prototype and with the same font parsed afresh, with and without the
// page-count alias (which changes the characters every document embeds).
func TestCopyUTF8FontSameBytes(t *testing.T) {
	proto := New("P", "mm", "A4", "")
	proto.AddUTF8FontFromBytes("Sans", "B", liberationsansbold.TTF)
	write := func(copied, alias bool) []byte {
		f := New("P", "mm", "A4", "")
		f.SetCatalogSort(true)
		f.SetCreationDate(time.Unix(0, 0).UTC())
		f.SetModificationDate(time.Unix(0, 0).UTC())
		if alias {
			f.AliasNbPages("")
		}
		if copied {
			if !f.CopyUTF8Font(proto, "sans", "b") {
				t.Fatal("CopyUTF8Font found no font")
			}
			if f.CopyUTF8Font(proto, "Sans", "B") {
				t.Error("CopyUTF8Font registered a font twice")
			}
		} else {
			f.AddUTF8FontFromBytes("Sans", "B", liberationsansbold.TTF)
		}
		f.AddPage()
		f.SetFont("Sans", "B", 12)
		f.Cell(40, 10, "Café £1,250 – page {nb}")
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, alias := range []bool{false, true} {
		if !bytes.Equal(write(true, alias), write(false, alias)) {
			t.Errorf("alias %v: a copied font gives other bytes than a parsed one", alias)
		}
	}
	if New("P", "mm", "A4", "").CopyUTF8Font(proto, "Sans", "") {
		t.Error("CopyUTF8Font copied a style the prototype does not have")
	}
}

// TestUnpackArraysAsUpstream compares the unpacking of big-endian arrays
// with upstream's loop of reads, odd lengths included.
func TestUnpackArraysAsUpstream(t *testing.T) {
	upstream := func(data []byte, size int) []int {
		answer := make([]int, 1)
		r := bytes.NewReader(data)
		bs := make([]byte, size)
		c, e := r.Read(bs)
		for e == nil && c > 0 {
			if size == 2 {
				answer = append(answer, int(binary.BigEndian.Uint16(bs)))
			} else {
				answer = append(answer, int(binary.BigEndian.Uint32(bs)))
			}
			c, e = r.Read(bs)
		}
		return answer
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 40 {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(rng.IntN(256))
		}
		if got, want := unpackUint16Array(data), upstream(data, 2); !slices.Equal(got, want) {
			t.Errorf("uint16, %d bytes: %v, upstream %v", n, got, want)
		}
		if got, want := unpackUint32Array(data), upstream(data, 4); !slices.Equal(got, want) {
			t.Errorf("uint32, %d bytes: %v, upstream %v", n, got, want)
		}
	}
}

// TestSetUTF8FontBaseName: the name replaces upstream's "utf8"+family
// name wherever the font is named, and only there; invalid names and
// unknown fonts are refused.
func TestSetUTF8FontBaseName(t *testing.T) {
	write := func(name string) []byte {
		f := New("P", "mm", "A4", "")
		f.SetCompression(false)
		f.AddUTF8FontFromBytes("sfabcdefghijklmno", "", liberationsansregular.TTF)
		if name != "" && !f.SetUTF8FontBaseName("sfabcdefghijklmno", "", name) {
			t.Fatalf("SetUTF8FontBaseName(%q) refused", name)
		}
		f.AddPage()
		f.SetFont("sfabcdefghijklmno", "", 12)
		f.Text(10, 10, "Hello")
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	// The family is chosen so that upstream's name is as long as the
	// new one: the cross-reference offsets stay where they were.
	plain, named := write(""), write("ABCDEF+LiberationSans")
	if n := bytes.Count(named, []byte("/ABCDEF+LiberationSans")); n != 3 {
		t.Errorf("the name appears %d times, want 3 (Type0, CIDFont, FontDescriptor)", n)
	}
	if got := bytes.ReplaceAll(named, []byte("/ABCDEF+LiberationSans"), []byte("/utf8sfabcdefghijklmno")); !bytes.Equal(got, plain) {
		t.Error("setting the name changed more than the name")
	}
	f := New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("sfabcdefghijklmno", "", liberationsansregular.TTF)
	for _, bad := range []string{"", "A B", "A/B", "A#20", "é", strings.Repeat("A", 128)} {
		if f.SetUTF8FontBaseName("sfabcdefghijklmno", "", bad) {
			t.Errorf("name %q accepted", bad)
		}
	}
	if f.SetUTF8FontBaseName("other", "", "Fine") {
		t.Error("a name set for an unregistered font")
	}
}
