package png

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"io"
)

// MaxSide is the widest and tallest image Append encodes, in pixels.
const MaxSide = 1 << 14

// Encode writes img to w as Append describes.
func Encode(w io.Writer, img *image.RGBA) error {
	out, err := Append(nil, img)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// Append appends img to dst as an opaque RGB PNG, flattened onto white:
// a drawing without a background (or with a transparent one) prints on
// white paper, and a word processor shows it the same on any page
// colour.
//
// It is a small encoder made for charts rather than image/png, which is
// many times slower on them: charts are flat colour, so each row is
// filtered with Up when it repeats the row above (all zeros) and Sub
// otherwise (runs of one colour become zeros), instead of trying every
// filter on every row; and the filtered rows are compressed by rleDeflate,
// which codes runs of one byte and nothing else, as zlib's Z_RLE strategy
// does for PNG. Filtering and compressing are one pass: a run of pixels
// of one colour goes to the compressor as one run of zeros, found eight
// bytes at a time, never written out byte by byte (BenchmarkEncode).
func Append(dst []byte, img *image.RGBA) ([]byte, error) {
	b := img.Bounds()
	var e encoder
	if err := e.begin(dst, b.Dx(), b.Dy()); err != nil {
		return dst, err
	}
	e.rows(img)
	return e.end(), nil
}

// encoder writes a PNG as Append describes, its rows given a band of
// them at a time (rows), so that a picture can be drawn and encoded in
// bands that reuse one small buffer (Render).
type encoder struct {
	w, h  int
	idat  int // where the IDAT chunk starts in z.out
	z     rleDeflate
	above []byte // the row above the next one, as given, or nil
	// last holds a copy of a band's last row, the row above the next
	// band's first, for bands that reuse their buffer.
	last []byte
}

// begin starts a w×h PNG appended to dst.
func (e *encoder) begin(dst []byte, w, h int) error {
	if w <= 0 || h <= 0 {
		return errors.New("png: empty image")
	}
	if w > MaxSide || h > MaxSide {
		return errors.New("png: image too large")
	}
	e.w, e.h = w, h
	dst = append(dst, "\x89PNG\r\n\x1a\n"...)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits per sample, truecolour
	dst = appendChunk(dst, "IHDR", ihdr[:])

	// The IDAT chunk: its length is filled in when the data is written.
	e.idat = len(dst)
	dst = append(dst, 0, 0, 0, 0, 'I', 'D', 'A', 'T')
	e.z = rleDeflate{out: dst}
	e.z.begin()
	return nil
}

// rows encodes the rows of img's bounds, the image's next rows, e.w
// pixels wide. img may be reused once rows returns.
func (e *encoder) rows(img *image.RGBA) {
	b := img.Bounds()
	w, z := e.w, &e.z
	for y := b.Min.Y; y < b.Max.Y; y++ {
		start := (y-img.Rect.Min.Y)*img.Stride + (b.Min.X-img.Rect.Min.X)*4
		src := img.Pix[start : start+4*w : start+4*w]
		if e.above != nil && bytes.Equal(src, e.above) {
			// Up: every byte equals the one above.
			z.writeByte(2)
			z.writeRun(0, 3*w)
		} else {
			// Sub: each byte less the same byte of the pixel to the left,
			// of the colour flattened onto white (premultiplied colour c
			// over white is c + 255 - alpha). A pixel like its left
			// neighbour, as most are, is three zeros.
			z.writeByte(1)
			var pr, pg, pb byte
			for x := 0; x < w; {
				p := src[4*x : 4*x+4 : 4*x+4]
				k := 255 - p[3]
				r, g, bl := p[0]+k, p[1]+k, p[2]+k
				z.writeByte(r - pr)
				z.writeByte(g - pg)
				z.writeByte(bl - pb)
				pr, pg, pb = r, g, bl
				// The pixels after x like it, two at a time.
				v := binary.LittleEndian.Uint32(p)
				two := uint64(v) | uint64(v)<<32
				j := x + 1
				for j+4 <= w {
					q := src[4*j : 4*j+16 : 4*j+16]
					if (binary.LittleEndian.Uint64(q)^two)|(binary.LittleEndian.Uint64(q[8:])^two) != 0 {
						break
					}
					j += 4
				}
				for j+2 <= w && binary.LittleEndian.Uint64(src[4*j:]) == two {
					j += 2
				}
				if j < w && binary.LittleEndian.Uint32(src[4*j:]) == v {
					j++
				}
				if n := j - x - 1; n > 0 {
					z.writeRun(0, 3*n)
				}
				x = j
			}
		}
		z.reduce()
		e.above = src
	}
	if e.above != nil {
		e.last = append(e.last[:0], e.above...)
		e.above = e.last
	}
}

// end closes the stream and returns the PNG appended to begin's dst.
func (e *encoder) end() []byte {
	dst := e.z.close()
	binary.BigEndian.PutUint32(dst[e.idat:], uint32(len(dst)-e.idat-8))
	dst = binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[e.idat+4:]))
	return appendChunk(dst, "IEND", nil)
}

// rleDeflate is a zlib stream (RFC 1950/1951) that codes only runs of
// one byte, as matches at distance 1, with deflate's fixed Huffman codes
// in a single block. On filtered chart rows, which are mostly zeros, it
// compresses nearly as well as zlib's fastest level at a fraction of the
// cost; everything else is a literal.
type rleDeflate struct {
	out   []byte
	acc   uint64 // bits not yet written, least significant first
	n     uint   // how many
	last  byte   // the byte a run would repeat
	run   int    // bytes equal to last not yet coded
	begun bool
	// s1, s2 are the Adler-32 sums, reduced modulo adlerMod by reduce
	// (at least once a row) and after every run.
	s1, s2 uint64
}

// Fixed Huffman codes (RFC 1951 3.2.6), bit-reversed for LSB-first output.
var (
	fixedLit   [288]struct{ code, n uint32 }
	matchCodes [259]struct{ code, n uint32 } // length -> length code, extra bits, distance 1
)

func init() {
	rev := func(v, n uint32) uint32 {
		r := uint32(0)
		for i := uint32(0); i < n; i++ {
			r = r<<1 | (v>>i)&1
		}
		return r
	}
	for v := uint32(0); v < 288; v++ {
		var c, n uint32
		switch {
		case v < 144:
			c, n = 0x30+v, 8
		case v < 256:
			c, n = 0x190+v-144, 9
		case v < 280:
			c, n = v-256, 7
		default:
			c, n = 0xC0+v-280, 8
		}
		fixedLit[v].code, fixedLit[v].n = rev(c, n), n
	}
	base := []uint32{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	extra := []uint32{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	for l := uint32(3); l <= 258; l++ {
		k := len(base) - 1
		for base[k] > l {
			k--
		}
		lit := fixedLit[257+k]
		// Length code, its extra bits, then distance code 0 (distance 1):
		// five zero bits.
		matchCodes[l].code = lit.code | (l-base[k])<<lit.n
		matchCodes[l].n = lit.n + extra[k] + 5
	}
}

// begin writes the zlib header and opens the block.
func (z *rleDeflate) begin() {
	z.s1 = 1
	z.out = append(z.out, 0x78, 0x01) // deflate, 32K window, fastest
	z.bits(3, 3)                      // final block, fixed Huffman codes
}

func (z *rleDeflate) bits(code, n uint32) {
	z.acc |= uint64(code) << z.n
	z.n += uint(n)
	if z.n >= 32 {
		z.out = binary.LittleEndian.AppendUint32(z.out, uint32(z.acc))
		z.acc >>= 32
		z.n -= 32
	}
}

// flush codes the pending run: a match when it is long enough to pay,
// else literals.
func (z *rleDeflate) flush() {
	if z.run >= 3 {
		c := matchCodes[z.run]
		z.bits(c.code, c.n)
	} else {
		c := fixedLit[z.last]
		for i := 0; i < z.run; i++ {
			z.bits(c.code, c.n)
		}
	}
	z.run = 0
}

// adlerMod is the modulus of Adler-32.
const adlerMod = 65521

// writeByte writes one byte. The sums are left unreduced: reduce runs at
// least once a row, and a row (at most 1+3×MaxSide bytes) cannot take
// them near overflow.
func (z *rleDeflate) writeByte(c byte) {
	z.s1 += uint64(c)
	z.s2 += z.s1
	if z.begun && c == z.last {
		z.run++
		if z.run == 258 {
			z.flush()
		}
		return
	}
	z.flush()
	l := fixedLit[c]
	z.bits(l.code, l.n)
	z.last, z.begun = c, true
}

// writeRun writes n bytes c, as n calls of writeByte would.
func (z *rleDeflate) writeRun(c byte, n int) {
	if n <= 0 {
		return
	}
	if !z.begun || c != z.last {
		z.writeByte(c)
		n--
	}
	// Adler-32 of n bytes c: s1 grows by n*c, s2 by n*s1 plus
	// c*n*(n+1)/2.
	m := uint64(n)
	z.reduce()
	z.s2 = (z.s2 + m%adlerMod*z.s1 + uint64(c)*(m*(m+1)/2%adlerMod)) % adlerMod
	z.s1 = (z.s1 + m*uint64(c)) % adlerMod
	for n > 0 {
		take := min(n, 258-z.run)
		z.run += take
		n -= take
		if z.run == 258 {
			z.flush()
		}
	}
}

// reduce brings the Adler-32 sums below the modulus.
func (z *rleDeflate) reduce() {
	z.s1 %= adlerMod
	z.s2 %= adlerMod
}

// close ends the block and the stream and returns the output with the
// zlib bytes appended.
func (z *rleDeflate) close() []byte {
	z.flush()
	c := fixedLit[256]
	z.bits(c.code, c.n)
	for z.n > 0 {
		z.out = append(z.out, byte(z.acc))
		z.acc >>= 8
		z.n -= min(z.n, 8)
	}
	z.reduce()
	return binary.BigEndian.AppendUint32(z.out, uint32(z.s2<<16|z.s1))
}

// appendChunk appends one PNG chunk: length, type, data and CRC.
func appendChunk(dst []byte, typ string, data []byte) []byte {
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(data)))
	start := len(dst)
	dst = append(dst, typ...)
	dst = append(dst, data...)
	return binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[start:]))
}
