package pack

import "bytes"

// jpegPixels returns a JPEG file (a DCTDecode stream's data) without
// what a viewer never reads: application segments that hold metadata
// (EXIF, XMP, Photoshop's: APP1 to APP15 but for an ICC profile in
// APP2 and Adobe's APP14, which says how the colours are coded),
// comments, and bytes after the end-of-image marker. It keeps APP0
// (JFIF). A file it cannot follow is returned as it is: the
// viewer decodes it or not, the pack adds nothing.
func jpegPixels(data []byte) []byte {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return data
	}
	out := make([]byte, 0, len(data))
	out = append(out, 0xFF, 0xD8)
	i := 2
	for {
		// Fill bytes (0xFF) may precede a marker.
		for i+1 < len(data) && data[i] == 0xFF && data[i+1] == 0xFF {
			i++
		}
		if i+4 > len(data) || data[i] != 0xFF {
			return data
		}
		m := data[i+1]
		n := int(data[i+2])<<8 | int(data[i+3])
		if n < 2 || i+2+n > len(data) {
			return data
		}
		seg := data[i : i+2+n]
		i += 2 + n
		switch {
		case m == 0xDA: // start of scan: the entropy-coded data follows
			out = append(out, seg...)
			rest := data[i:]
			if end := bytes.Index(rest, []byte{0xFF, 0xD9}); end >= 0 {
				rest = rest[:end+2]
			}
			return append(out, rest...)
		case m == 0xE2 && bytes.HasPrefix(seg[4:], []byte("ICC_PROFILE\x00")), m == 0xEE:
		case m == 0xFE, m >= 0xE1 && m <= 0xEF:
			continue // a comment or a metadata segment
		}
		out = append(out, seg...)
	}
}
