// Copyright ©2026 The paper authors. Use of this source code is governed by
// the MIT-style license in the LICENSE file.

package fpdf

import (
	"fmt"
	"github.com/klauspost/compress/zlib"
	"maps"
	"slices"
)

// cidMapChunk is how much of a CIDToGIDMap compressCIDToGIDMap makes at
// a time.
const cidMapChunk = 4096

// compressCIDToGIDMap returns a UTF-8 font's CIDToGIDMap, compressed:
// for each of the 65,536 character codes, the big-endian number of its
// glyph in the subset (codes, from character to glyph; 0 for a character
// not in it). It makes the map 4 KB at a time and writes each piece to
// the compressor, where upstream made all 128 KB and then compressed
// them: zlib's output does not depend on how its input is divided
// between writes, so the stream is the same bytes (TestCIDToGIDMapAsBefore),
// and a document no longer takes (and clears) 128 KB per font, nor grows
// an output buffer to the size of the map. Not in upstream fpdf: see
// FORK.md.
func compressCIDToGIDMap(codes map[int]int) *membuffer {
	chars := slices.Sorted(maps.Keys(codes))
	mem := xmem.Get().(*membuffer)
	buf := &mem.buf
	zw, _ := zwriters.Get().(*zlib.Writer)
	if zw == nil {
		var err error
		zw, err = zlib.NewWriterLevel(buf, zlib.BestSpeed)
		if err != nil {
			panic(fmt.Errorf("could not create zlib writer: %w", err))
		}
	} else {
		zw.Reset(buf)
	}
	defer zwriters.Put(zw)
	var chunk [cidMapChunk]byte
	next := 0
	for base := 0; base < 256*256*2; base += len(chunk) {
		clear(chunk[:])
		for ; next < len(chars) && chars[next]*2 < base+len(chunk); next++ {
			c := chars[next]
			glyph := codes[c]
			chunk[c*2-base] = byte(glyph >> 8)
			chunk[c*2-base+1] = byte(glyph & 0xFF)
		}
		if _, err := zw.Write(chunk[:]); err != nil {
			panic(fmt.Errorf("could not zlib-compress slice: %w", err))
		}
	}
	if err := zw.Close(); err != nil {
		panic(fmt.Errorf("could not close zlib writer: %w", err))
	}
	return mem
}
