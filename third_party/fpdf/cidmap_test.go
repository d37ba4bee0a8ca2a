// Copyright ©2026 The paper authors. Use of this source code is governed by
// the MIT-style license in the LICENSE file.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"math/rand/v2"
	"testing"
)

// TestCIDToGIDMapAsBefore checks that the CIDToGIDMap made 4 KB at a
// time compresses to the bytes of the whole map made and compressed at
// once, as before, and inflates to that map, for sets of characters on
// and around the pieces' edges, used one after another (so that pooled
// writers and buffers are reused).
func TestCIDToGIDMapAsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := map[int]int{}
	for range 600 {
		random[1+rng.IntN(65535)] = rng.IntN(65536)
	}
	tests := []map[int]int{
		{},
		{65: 36},
		{2047: 0x1234, 2048: 0xFFFF, 4095: 7, 4096: 8},
		{1: 1, 65535: 65535, 32768: 0x8001},
		random,
		{65: 36},
	}
	for i, codes := range tests {
		var whole [256 * 256 * 2]byte
		for c, g := range codes {
			whole[c*2], whole[c*2+1] = byte(g>>8), byte(g)
		}
		before := xmem.compress(whole[:])
		now := compressCIDToGIDMap(codes)
		if !bytes.Equal(now.bytes(), before.bytes()) {
			t.Errorf("set %d (%d characters): %d bytes, before %d", i, len(codes), len(now.bytes()), len(before.bytes()))
		}
		zr, err := zlib.NewReader(bytes.NewReader(now.bytes()))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(got, whole[:]) {
			t.Errorf("set %d: inflates to %d bytes (%v), not the map", i, len(got), err)
		}
		before.release()
		now.release()
	}
}
