package doctest

import (
	"bytes"
	"image"
	"image/color"
	"image/png"

	"github.com/paperhq/paper/report/doc"
)

// LogoPNG is a small PNG picture, 240 by 80 pixels: a dark blue band
// with a lighter square, as a council's logo might be.
func LogoPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 240, 80))
	for y := 0; y < 80; y++ {
		for x := 0; x < 240; x++ {
			c := color.RGBA{0x1F, 0x38, 0x64, 0xFF}
			if x > 10 && x < 70 && y > 10 && y < 70 {
				c = color.RGBA{0xD9, 0xE2, 0xF3, 0xFF}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err) // encoding an in-memory RGBA image cannot fail
	}
	return b.Bytes()
}

// Logo is LogoPNG as an image block 45 mm wide.
func Logo() *doc.Image {
	return &doc.Image{Data: LogoPNG(), Format: "png", Alt: "Kingsbridge City Council", Width: 45, PixelWidth: 240, PixelHeight: 80}
}
