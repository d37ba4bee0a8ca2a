package png

import (
	"bytes"
	"image"
	ic "image/color"
	stdpng "image/png"
	"math/rand/v2"
	"testing"

	"github.com/paperhq/paper/report/doc/doctest"
)

// flattened is what Append promises: img composited over white.
func flattened(img *image.RGBA, x, y int) ic.RGBA {
	c := img.RGBAAt(x, y)
	k := 255 - c.A
	return ic.RGBA{c.R + k, c.G + k, c.B + k, 255}
}

// TestEncodeRoundTrips decodes what Append writes with the standard
// library (which checks the zlib stream and its checksum) and compares
// every pixel, on images that exercise runs, literals and run lengths
// across deflate's limits.
func TestEncodeRoundTrips(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	mk := func(w, h int, f func(x, y int) ic.RGBA) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				img.SetRGBA(x, y, f(x, y))
			}
		}
		return img
	}
	chartImg, err := Draw(doctest.BarGraphic(), 4)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		img  *image.RGBA
	}{
		{"one pixel", mk(1, 1, func(x, y int) ic.RGBA { return ic.RGBA{10, 20, 30, 255} })},
		{"transparent", mk(7, 3, func(x, y int) ic.RGBA { return ic.RGBA{} })},
		{"half transparent", mk(5, 5, func(x, y int) ic.RGBA { return ic.RGBA{40, 0, 80, 128} })},
		{"long runs", mk(1000, 4, func(x, y int) ic.RGBA { return ic.RGBA{255, 255, 255, 255} })},
		{"noise", mk(97, 31, func(x, y int) ic.RGBA {
			a := uint8(rng.IntN(256))
			return ic.RGBA{uint8(rng.IntN(int(a) + 1)), uint8(rng.IntN(int(a) + 1)), uint8(rng.IntN(int(a) + 1)), a}
		})},
		{"stripes", mk(300, 40, func(x, y int) ic.RGBA {
			if (x/(y+1))%2 == 0 {
				return ic.RGBA{0, 0x72, 0xB2, 255}
			}
			return ic.RGBA{}
		})},
		{"runs of every length", mk(2000, 3, func(x, y int) ic.RGBA {
			// Runs of 1, 2, 3 ... pixels, alternating colours.
			n, k := 0, 0
			for n+k+1 <= x {
				k++
				n += k
			}
			if k%2 == 0 {
				return ic.RGBA{200, 100, 0, 255}
			}
			return ic.RGBA{0, 100, 200, 255}
		})},
		{"a chart", chartImg},
		{"a sub-image", chartImg.SubImage(image.Rect(13, 17, 300, 200)).(*image.RGBA)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Encode(&buf, tc.img); err != nil {
				t.Fatal(err)
			}
			got, err := stdpng.Decode(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			b := tc.img.Bounds()
			if got.Bounds().Dx() != b.Dx() || got.Bounds().Dy() != b.Dy() {
				t.Fatalf("size %v, want %v", got.Bounds(), b)
			}
			for y := 0; y < b.Dy(); y++ {
				for x := 0; x < b.Dx(); x++ {
					r, g, bb, a := got.At(x, y).RGBA()
					want := flattened(tc.img, b.Min.X+x, b.Min.Y+y)
					if uint8(r>>8) != want.R || uint8(g>>8) != want.G || uint8(bb>>8) != want.B || a != 0xFFFF {
						t.Fatalf("pixel (%d,%d) = %v %v %v %v, want %v", x, y, r>>8, g>>8, bb>>8, a>>8, want)
					}
				}
			}
		})
	}
	if err := Encode(&bytes.Buffer{}, image.NewRGBA(image.Rect(0, 0, 0, 5))); err == nil {
		t.Error("an empty image encoded without error")
	}
}

// FuzzEncode encodes pictures made from the fuzzer's bytes, which
// choose the size, a palette and runs of its colours (the shapes the
// encoder takes shortcuts on), and checks the standard library decodes
// every pixel back.
func FuzzEncode(f *testing.F) {
	f.Add(uint16(5), uint16(3), []byte{0, 0, 0, 0, 1, 2, 3, 255, 7, 0, 3, 9})
	f.Add(uint16(300), uint16(2), []byte{255, 255, 255, 255, 200, 10, 10, 10, 128, 1})
	f.Add(uint16(1), uint16(1), []byte{})
	f.Fuzz(func(t *testing.T, w, h uint16, data []byte) {
		width, height := int(w%700)+1, int(h%40)+1
		img := image.NewRGBA(image.Rect(0, 0, width, height))
		// Pixels are runs: a palette index and a run length, from data,
		// with the palette its first 16 bytes (4 colours).
		var pal [4]ic.RGBA
		for i := range pal {
			if len(data) >= 4*(i+1) {
				c := data[4*i : 4*i+4]
				a := c[3]
				pal[i] = ic.RGBA{min(c[0], a), min(c[1], a), min(c[2], a), a}
			}
		}
		rest := data[min(len(data), 16):]
		px := 0
		for i := 0; px < width*height; i += 2 {
			c, n := pal[0], width*height
			if i+1 < len(rest) {
				c, n = pal[rest[i]%4], int(rest[i+1])+1
			}
			for ; n > 0 && px < width*height; n, px = n-1, px+1 {
				img.SetRGBA(px%width, px/width, c)
			}
		}
		var buf bytes.Buffer
		if err := Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		got, err := stdpng.Decode(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		for y := range height {
			for x := range width {
				r, g, b, a := got.At(x, y).RGBA()
				want := flattened(img, x, y)
				if uint8(r>>8) != want.R || uint8(g>>8) != want.G || uint8(b>>8) != want.B || a != 0xFFFF {
					t.Fatalf("%d×%d: pixel (%d,%d) = %v %v %v %v, want %v", width, height, x, y, r>>8, g>>8, b>>8, a>>8, want)
				}
			}
		}
	})
}

// BenchmarkEncode encodes the writers' sample bar chart, drawn at the
// DOCX's resolution for the text width (1,339 px), as a PNG: the
// encoding alone, without the drawing.
func BenchmarkEncode(b *testing.B) {
	img, err := Draw(doctest.BarGraphic(), 1339/170.0*170/160)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var dst []byte
	for b.Loop() {
		if dst, err = Append(dst[:0], img); err != nil {
			b.Fatal(err)
		}
	}
}
