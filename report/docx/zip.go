package docx

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
	"sync"
	"time"

	"github.com/klauspost/compress/flate"
)

// Sizes of a zip archive's records (APPNOTE.TXT 4.3): a local file
// header and a central directory header before their name and extra
// field, and the end of central directory record.
const (
	zipLocalLen     = 30
	zipDirectoryLen = 46
	zipEndLen       = 22
)

// writeZip writes parts to w as a zip archive, each entry stamped with
// modified (from zipTime) and deflated unless the part says store.
//
// Every part is compressed first, into one buffer, and the entries are
// then written raw, their sizes and checksums in the local headers (no
// data descriptors): the archive's length is then known before a byte of
// it is written, and a bytes.Buffer w grows once, to that length, rather
// than doubling its way there, copying, through twice the memory.
func writeZip(w io.Writer, parts []part, modified time.Time) error {
	packed, err := compressParts(parts)
	if err != nil {
		return err
	}
	extra := extTime(modified)
	size := zipEndLen
	for i, p := range parts {
		size += zipLocalLen + zipDirectoryLen + 2*(len(p.name)+len(extra)) + len(packed[i])
	}
	if g, ok := w.(interface{ Grow(int) }); ok {
		g.Grow(size)
	}
	zw := zip.NewWriter(w)
	for i, p := range parts {
		method := zip.Deflate
		if p.store {
			method = zip.Store
		}
		if err := writeRaw(zw, p, method, packed[i], modified, extra); err != nil {
			return err
		}
	}
	return zw.Close()
}

// storeZip writes parts as a zip archive of stored (uncompressed)
// entries, each modified at t, their sizes and checksums in the local
// headers (no data descriptors, which some readers of stored entries
// stumble on). A workbook's parts are a few kilobytes of XML, and the
// DOCX deflates the workbook whole: deflating each part as well would
// compress the same bytes twice, for a DOCX a few hundred bytes
// smaller.
func storeZip(parts []part, t time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		if err := writeRaw(zw, p, zip.Store, p.data, t, nil); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeRaw adds part p to zw as an entry whose data, already compressed
// by method, is raw, modified at t (with extra, the extra field, in both
// of its headers). CreateRaw, unlike CreateHeader, does not derive the
// MS-DOS date and time from Modified, so they are given (dosTime).
func writeRaw(zw *zip.Writer, p part, method uint16, raw []byte, t time.Time, extra []byte) error {
	date, clock := dosTime(t)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: method, Modified: t, ModifiedDate: date, ModifiedTime: clock,
		CreatorVersion: 20, ReaderVersion: 20, Extra: extra,
		CRC32: crc32.ChecksumIEEE(p.data), CompressedSize64: uint64(len(raw)), UncompressedSize64: uint64(len(p.data))})
	if err != nil {
		return err
	}
	_, err = w.Write(raw)
	return err
}

// extTime is the extra field stamping an entry with t as Info-ZIP's
// extended timestamp (the Unix time), which archive/zip's CreateHeader
// writes beside the MS-DOS time, in both headers.
func extTime(t time.Time) []byte {
	b := []byte{0x55, 0x54, 5, 0, 1, 0, 0, 0, 0} // id "UT", 5 bytes: flags (modified), time
	binary.LittleEndian.PutUint32(b[5:], uint32(t.Unix()))
	return b
}

// dosTime is t (from zipTime: 1980 to 2107) as a zip entry's MS-DOS date
// and time, to the even second below.
func dosTime(t time.Time) (date, clock uint16) {
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

// compressParts returns each part's data as the archive holds it: a
// stored part's own bytes, a deflated part's compressed into one buffer
// shared by all, with room for what deflate can add to data it cannot
// compress, so that it rarely grows.
func compressParts(parts []part) ([][]byte, error) {
	room := 0
	for _, p := range parts {
		if !p.store {
			room += len(p.data) + len(p.data)>>10 + 64
		}
	}
	out := make([][]byte, len(parts))
	buf := &appender{b: make([]byte, 0, room)}
	fw, _ := flateWriters.Get().(*flate.Writer)
	if fw == nil {
		var err error
		if fw, err = flate.NewWriter(buf, flate.BestSpeed); err != nil {
			return nil, err
		}
	}
	defer flateWriters.Put(fw)
	for i, p := range parts {
		if p.store {
			out[i] = p.data
			continue
		}
		start := len(buf.b)
		fw.Reset(buf)
		if _, err := fw.Write(p.data); err != nil {
			return nil, err
		}
		if err := fw.Close(); err != nil {
			return nil, err
		}
		out[i] = buf.b[start:len(buf.b):len(buf.b)]
	}
	return out, nil
}

// flateWriters are the DOCX parts' compressors, kept for reuse.
//
// They are klauspost/compress's flate at level 1 rather than the
// standard library's: a paper's two dozen parts are mostly a few hundred
// bytes to a few kilobytes, where the standard library's BestSpeed spends
// its time building and sorting Huffman tables; klauspost's takes 40% of
// its CPU on the example's parts and gives a slightly smaller DOCX
// (BenchmarkWriteExample). Not archive/zip's default level either:
// resetting a default-level compressor clears 640 KB of hash tables for
// each part. A reset writer forgets the previous part's data, so the
// bytes never depend on what it compressed before.
var flateWriters sync.Pool

// appender is an io.Writer appending to b.
type appender struct{ b []byte }

func (a *appender) Write(p []byte) (int, error) {
	a.b = append(a.b, p...)
	return len(p), nil
}
