package figtext

import (
	"strings"
	"testing"
)

func TestWriteTable(t *testing.T) {
	var sb strings.Builder
	if err := WriteTable(&sb, [][]string{{"Ombudsman: Kingsbridge", "2023/24", "2024/25"}, {"  homes", "14,180", "£12,345.67"}, {"  rate", "-"}}); err != nil {
		t.Fatal(err)
	}
	want := "Ombudsman: Kingsbridge  2023/24     2024/25\n" +
		"  homes                  14,180  £12,345.67\n" +
		"  rate                        -\n"
	if sb.String() != want {
		t.Errorf("got\n%s\nwant\n%s", sb.String(), want)
	}
	n := 3
	if v, ok, _ := Count(&n); !ok || v != 3 {
		t.Error("Count")
	}
	if _, ok, _ := Rate(nil); ok {
		t.Error("Rate(nil) is defined")
	}
}
