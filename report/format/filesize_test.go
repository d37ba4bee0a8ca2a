package format

import "testing"

func TestFileSize(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		want string
	}{
		{0, "1 KB"}, {1, "1 KB"}, {1535, "1 KB"}, {1536, "2 KB"}, {122880, "120 KB"},
		{1048063, "1023 KB"}, {1048576 - 512, "1.0 MB"}, {1468006, "1.4 MB"},
	} {
		if got := FileSize(tt.n); got != tt.want {
			t.Errorf("FileSize(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
