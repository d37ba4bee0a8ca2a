// Copyright ©2023 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

/*
 * Copyright (c) 2019 Arteom Korotkiy (Gmail: arteomkorotkiy)
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
 * WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
 * ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
 * ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
 * OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
 */

package fpdf

import (
	"encoding/binary"
	"fmt"
	"math"
	"sort"
)

// flags
const symbolWords = 1 << 0
const symbolScale = 1 << 3
const symbolContinue = 1 << 5
const symbolAllScale = 1 << 6
const symbol2x2 = 1 << 7

// CID map Init
const toUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

type utf8FontFile struct {
	fileReader           *fileReader
	LastRune             int
	tableDescriptions    map[string]*tableDescription
	outTablesData        map[string][]byte
	loca                 locaTable
	charSymbolDictionary *cmapTable
	Ascent               int
	Descent              int
	fontElementSize      int
	Bbox                 fontBoxType
	CapHeight            int
	StemV                int
	ItalicAngle          int
	Flags                int
	UnderlinePosition    float64
	UnderlineThickness   float64
	CharWidths           *charWidths
	DefaultWidth         float64
	CodeSymbolDictionary map[int]int
	// paper's fork: the cmap dictionaries parseTables built and the
	// position of the subtable they come from, for generateCMAP.
	cmapAt         int
	cmapKept       bool
	cmapCharSymbol *cmapTable
}

type tableDescription struct {
	name     string
	checksum []int
	position int
	size     int
}

type fileReader struct {
	readerPosition int64
	array          []byte
}

func (fr *fileReader) Read(s int) []byte {
	b := fr.array[fr.readerPosition : fr.readerPosition+int64(s)]
	fr.readerPosition += int64(s)
	return b
}

func (fr *fileReader) seek(shift int64, flag int) (int64, error) {
	if flag == 0 {
		fr.readerPosition = shift
	} else if flag == 1 {
		fr.readerPosition += shift
	} else if flag == 2 {
		fr.readerPosition = int64(len(fr.array)) - shift
	}
	return int64(fr.readerPosition), nil
}

func newUTF8Font(reader *fileReader) *utf8FontFile {
	utf := utf8FontFile{
		fileReader: reader,
	}
	return &utf
}

func (utf *utf8FontFile) parseFile() error {
	utf.fileReader.readerPosition = 0
	utf.loca = locaTable{}
	utf.charSymbolDictionary = nil
	utf.tableDescriptions = make(map[string]*tableDescription)
	utf.outTablesData = make(map[string][]byte)
	utf.Ascent = 0
	utf.Descent = 0
	codeType := uint32(utf.readUint32())
	if codeType == 0x4F54544F {
		return fmt.Errorf("not supported\n ")
	}
	if codeType == 0x74746366 {
		return fmt.Errorf("not supported\n ")
	}
	if codeType != 0x00010000 && codeType != 0x74727565 {
		return fmt.Errorf("not a TrueType font: codeType=%v\n ", codeType)
	}
	utf.generateTableDescriptions()
	utf.parseTables()
	return nil
}

func (utf *utf8FontFile) generateTableDescriptions() {

	tablesCount := utf.readUint16()
	_ = utf.readUint16()
	_ = utf.readUint16()
	_ = utf.readUint16()
	utf.tableDescriptions = make(map[string]*tableDescription)

	for i := 0; i < tablesCount; i++ {
		record := tableDescription{
			name:     utf.readTableName(),
			checksum: []int{utf.readUint16(), utf.readUint16()},
			position: utf.readUint32(),
			size:     utf.readUint32(),
		}
		utf.tableDescriptions[record.name] = &record
	}
}

func (utf *utf8FontFile) readTableName() string {
	return string(utf.fileReader.Read(4))
}

func (utf *utf8FontFile) readUint16() int {
	s := utf.fileReader.Read(2)
	return (int(s[0]) << 8) + int(s[1])
}

func (utf *utf8FontFile) readUint32() int {
	s := utf.fileReader.Read(4)
	return (int(s[0]) * 16777216) + (int(s[1]) << 16) + (int(s[2]) << 8) + int(s[3]) // 	16777216  = 1<<24
}

func (utf *utf8FontFile) calcInt32(x, y []int) []int {
	answer := make([]int, 2)
	if y[1] > x[1] {
		x[1] += 1 << 16
		x[0]++
	}
	answer[1] = x[1] - y[1]
	if y[0] > x[0] {
		x[0] += 1 << 16
	}
	answer[0] = x[0] - y[0]
	answer[0] = answer[0] & 0xFFFF
	return answer
}

func (utf *utf8FontFile) seek(shift int) {
	_, _ = utf.fileReader.seek(int64(shift), 0)
}

func (utf *utf8FontFile) skip(delta int) {
	_, _ = utf.fileReader.seek(int64(delta), 1)
}

// SeekTable position
func (utf *utf8FontFile) SeekTable(name string) int {
	return utf.seekTable(name, 0)
}

func (utf *utf8FontFile) seekTable(name string, offsetInTable int) int {
	_, _ = utf.fileReader.seek(int64(utf.tableDescriptions[name].position+offsetInTable), 0)
	return int(utf.fileReader.readerPosition)
}

func (utf *utf8FontFile) readInt16() int16 {
	s := utf.fileReader.Read(2)
	a := (int16(s[0]) << 8) + int16(s[1])
	if (int(a) & (1 << 15)) == 0 {
		a = int16(int(a) - (1 << 16))
	}
	return a
}

func (utf *utf8FontFile) getUint16(pos int) int {
	_, _ = utf.fileReader.seek(int64(pos), 0)
	s := utf.fileReader.Read(2)
	return (int(s[0]) << 8) + int(s[1])
}

func (utf *utf8FontFile) splice(stream []byte, offset int, value []byte) []byte {
	stream = append([]byte{}, stream...)
	return append(append(stream[:offset], value...), stream[offset+len(value):]...)
}

func (utf *utf8FontFile) insertUint16(stream []byte, offset int, value int) []byte {
	up := make([]byte, 2)
	binary.BigEndian.PutUint16(up, uint16(value))
	return utf.splice(stream, offset, up)
}

func (utf *utf8FontFile) getRange(pos, length int) []byte {
	_, _ = utf.fileReader.seek(int64(pos), 0)
	if length < 1 {
		return make([]byte, 0)
	}
	s := utf.fileReader.Read(length)
	return s
}

func (utf *utf8FontFile) getTableData(name string) []byte {
	desckrip := utf.tableDescriptions[name]
	if desckrip == nil {
		return nil
	}
	if desckrip.size == 0 {
		return nil
	}
	_, _ = utf.fileReader.seek(int64(desckrip.position), 0)
	s := utf.fileReader.Read(desckrip.size)
	return s
}

func (utf *utf8FontFile) setOutTable(name string, data []byte) {
	if data == nil {
		return
	}
	if name == "head" {
		data = utf.splice(data, 8, []byte{0, 0, 0, 0})
	}
	utf.outTablesData[name] = data
}

func arrayKeys(arr map[int]string) []int {
	answer := make([]int, len(arr))
	i := 0
	for key := range arr {
		answer[i] = key
		i++
	}
	return answer
}

func inArray(s int, arr []int) bool {
	for _, i := range arr {
		if s == i {
			return true
		}
	}
	return false
}

func (utf *utf8FontFile) parseNAMETable() int {
	namePosition := utf.SeekTable("name")
	format := utf.readUint16()
	if format != 0 {
		fmt.Printf("Illegal format %d\n", format)
		return format
	}
	nameCount := utf.readUint16()
	stringDataPosition := namePosition + utf.readUint16()
	names := map[int]string{1: "", 2: "", 3: "", 4: "", 6: ""}
	keys := arrayKeys(names)
	counter := len(names)
	for i := 0; i < nameCount; i++ {
		system := utf.readUint16()
		code := utf.readUint16()
		local := utf.readUint16()
		nameID := utf.readUint16()
		size := utf.readUint16()
		position := utf.readUint16()
		if !inArray(nameID, keys) {
			continue
		}
		currentName := ""
		if system == 3 && code == 1 && local == 0x409 {
			oldPos := utf.fileReader.readerPosition
			utf.seek(stringDataPosition + position)
			if size%2 != 0 {
				fmt.Printf("name is not binar byte format\n")
				return format
			}
			size /= 2
			currentName = ""
			for size > 0 {
				char := utf.readUint16()
				currentName += string(rune(char))
				size--
			}
			utf.fileReader.readerPosition = oldPos
			utf.seek(int(oldPos))
		} else if system == 1 && code == 0 && local == 0 {
			oldPos := utf.fileReader.readerPosition
			currentName = string(utf.getRange(stringDataPosition+position, size))
			utf.fileReader.readerPosition = oldPos
			utf.seek(int(oldPos))
		}
		if currentName != "" && names[nameID] == "" {
			names[nameID] = currentName
			counter--
			if counter == 0 {
				break
			}
		}
	}
	return format
}

func (utf *utf8FontFile) parseHEADTable() {
	utf.SeekTable("head")
	utf.skip(18)
	utf.fontElementSize = utf.readUint16()
	scale := 1000.0 / float64(utf.fontElementSize)
	utf.skip(16)
	xMin := utf.readInt16()
	yMin := utf.readInt16()
	xMax := utf.readInt16()
	yMax := utf.readInt16()
	utf.Bbox = fontBoxType{int(float64(xMin) * scale), int(float64(yMin) * scale), int(float64(xMax) * scale), int(float64(yMax) * scale)}
	utf.skip(3 * 2)
	_ = utf.readUint16()
	symbolDataFormat := utf.readUint16()
	if symbolDataFormat != 0 {
		fmt.Printf("Unknown symbol data format %d\n", symbolDataFormat)
		return
	}
}

func (utf *utf8FontFile) parseHHEATable() int {
	metricsCount := 0
	if _, OK := utf.tableDescriptions["hhea"]; OK {
		scale := 1000.0 / float64(utf.fontElementSize)
		utf.SeekTable("hhea")
		utf.skip(4)
		hheaAscender := utf.readInt16()
		hheaDescender := utf.readInt16()
		utf.Ascent = int(float64(hheaAscender) * scale)
		utf.Descent = int(float64(hheaDescender) * scale)
		utf.skip(24)
		metricDataFormat := utf.readUint16()
		if metricDataFormat != 0 {
			fmt.Printf("Unknown horizontal metric data format %d\n", metricDataFormat)
			return 0
		}
		metricsCount = utf.readUint16()
		if metricsCount == 0 {
			fmt.Printf("Number of horizontal metrics is 0\n")
			return 0
		}
	}
	return metricsCount
}

func (utf *utf8FontFile) parseOS2Table() int {
	var weightType int
	scale := 1000.0 / float64(utf.fontElementSize)
	if _, OK := utf.tableDescriptions["OS/2"]; OK {
		utf.SeekTable("OS/2")
		version := utf.readUint16()
		utf.skip(2)
		weightType = utf.readUint16()
		utf.skip(2)
		fsType := utf.readUint16()
		if fsType == 0x0002 || (fsType&0x0300) != 0 {
			fmt.Printf("ERROR - copyright restrictions.\n")
			return 0
		}
		utf.skip(20)
		_ = utf.readInt16()

		utf.skip(36)
		sTypoAscender := utf.readInt16()
		sTypoDescender := utf.readInt16()
		if utf.Ascent == 0 {
			utf.Ascent = int(float64(sTypoAscender) * scale)
		}
		if utf.Descent == 0 {
			utf.Descent = int(float64(sTypoDescender) * scale)
		}
		if version > 1 {
			utf.skip(16)
			sCapHeight := utf.readInt16()
			utf.CapHeight = int(float64(sCapHeight) * scale)
		} else {
			utf.CapHeight = utf.Ascent
		}
	} else {
		weightType = 500
		if utf.Ascent == 0 {
			utf.Ascent = int(float64(utf.Bbox.Ymax) * scale)
		}
		if utf.Descent == 0 {
			utf.Descent = int(float64(utf.Bbox.Ymin) * scale)
		}
		utf.CapHeight = utf.Ascent
	}
	utf.StemV = 50 + int(math.Pow(float64(weightType)/65.0, 2))
	return weightType
}

func (utf *utf8FontFile) parsePOSTTable(weight int) {
	utf.SeekTable("post")
	utf.skip(4)
	utf.ItalicAngle = int(utf.readInt16()) + utf.readUint16()/65536.0
	scale := 1000.0 / float64(utf.fontElementSize)
	utf.UnderlinePosition = float64(utf.readInt16()) * scale
	utf.UnderlineThickness = float64(utf.readInt16()) * scale
	fixed := utf.readUint32()

	utf.Flags = 4

	if utf.ItalicAngle != 0 {
		utf.Flags = utf.Flags | 64
	}
	if weight >= 600 {
		utf.Flags = utf.Flags | 262144
	}
	if fixed != 0 {
		utf.Flags = utf.Flags | 1
	}
}

func (utf *utf8FontFile) parseCMAPTable(format int) int {
	cmapPosition := utf.SeekTable("cmap")
	utf.skip(2)
	cmapTableCount := utf.readUint16()
	cidCMAPPosition := 0
	for i := 0; i < cmapTableCount; i++ {
		system := utf.readUint16()
		coded := utf.readUint16()
		position := utf.readUint32()
		oldReaderPosition := utf.fileReader.readerPosition
		if (system == 3 && coded == 1) || system == 0 { // Microsoft, Unicode
			v := utf.getUint16(cmapPosition + position)
			if v == 4 {
				if cidCMAPPosition == 0 {
					cidCMAPPosition = cmapPosition + position
				}
				break
			}
		}
		utf.seek(int(oldReaderPosition))
	}
	if cidCMAPPosition == 0 {
		fmt.Printf("Font does not have cmap for Unicode\n")
		return cidCMAPPosition
	}
	return cidCMAPPosition
}

func (utf *utf8FontFile) parseTables() {
	f := utf.parseNAMETable()
	utf.parseHEADTable()
	n := utf.parseHHEATable()
	w := utf.parseOS2Table()
	utf.parsePOSTTable(w)
	runeCMAPPosition := utf.parseCMAPTable(f)

	utf.SeekTable("maxp")
	utf.skip(4)
	numSymbols := utf.readUint16()

	charSymbolDictionary, pairs := utf.generateSCCSDictionaries(runeCMAPPosition)
	// paper's fork: kept for GenerateCutFont (FORK.md).
	utf.cmapAt, utf.cmapKept, utf.cmapCharSymbol = runeCMAPPosition, true, charSymbolDictionary

	scale := 1000.0 / float64(utf.fontElementSize)
	utf.parseHMTXTable(n, numSymbols, pairs, scale)
}

// generateCMAP reads the font's Unicode cmap subtable into
// charSymbolDictionary and reports whether it has one. (paper's fork:
// upstream returned its map from glyph to characters, which its callers
// only compared with nil.)
func (utf *utf8FontFile) generateCMAP() bool {
	cmapPosition := utf.SeekTable("cmap")
	utf.skip(2)
	cmapTableCount := utf.readUint16()
	runeCmapPosition := 0
	for i := 0; i < cmapTableCount; i++ {
		system := utf.readUint16()
		coder := utf.readUint16()
		position := utf.readUint32()
		oldPosition := utf.fileReader.readerPosition
		if (system == 3 && coder == 1) || system == 0 {
			format := utf.getUint16(cmapPosition + position)
			if format == 4 {
				runeCmapPosition = cmapPosition + position
				break
			}
		}
		utf.seek(int(oldPosition))
	}

	if runeCmapPosition == 0 {
		fmt.Printf("Font does not have cmap for Unicode\n")
		return false
	}

	// paper's fork: the dictionary of this very cmap subtable, if the
	// parse built it, is the one generateSCCSDictionaries would build
	// again. Nothing writes to it after it is built, so documents sharing
	// a parsed font share it (FORK.md).
	if utf.cmapKept && utf.cmapAt == runeCmapPosition {
		utf.charSymbolDictionary = utf.cmapCharSymbol
		return true
	}

	utf.charSymbolDictionary, _ = utf.generateSCCSDictionaries(runeCmapPosition)
	return true
}

func (utf *utf8FontFile) parseSymbols(usedRunes map[int]int) (map[int]int, map[int]int, map[int]int, []int) {
	symbolCollection := map[int]int{0: 0}
	charSymbolPairCollection := make(map[int]int)
	for _, char := range usedRunes {
		if symbol, OK := utf.charSymbolDictionary.lookup(char); OK {
			symbolCollection[symbol] = char
			charSymbolPairCollection[char] = symbol
		}
		utf.LastRune = max(utf.LastRune, char)
	}

	begin := utf.tableDescriptions["glyf"].position

	symbolArray := make(map[int]int)
	symbolCollectionKeys := keySortInt(symbolCollection)

	symbolCounter := 0
	maxRune := 0
	for _, oldSymbolIndex := range symbolCollectionKeys {
		maxRune = max(maxRune, symbolCollection[oldSymbolIndex])
		symbolArray[oldSymbolIndex] = symbolCounter
		symbolCounter++
	}
	charSymbolPairCollectionKeys := keySortInt(charSymbolPairCollection)
	runeSymbolPairCollection := make(map[int]int)
	for _, runa := range charSymbolPairCollectionKeys {
		runeSymbolPairCollection[runa] = symbolArray[charSymbolPairCollection[runa]]
	}
	utf.CodeSymbolDictionary = runeSymbolPairCollection

	symbolCollectionKeys = keySortInt(symbolCollection)
	for _, oldSymbolIndex := range symbolCollectionKeys {
		_, symbolArray, symbolCollection, symbolCollectionKeys = utf.getSymbols(oldSymbolIndex, &begin, symbolArray, symbolCollection, symbolCollectionKeys, 0)
	}

	return runeSymbolPairCollection, symbolArray, symbolCollection, symbolCollectionKeys
}

func (utf *utf8FontFile) generateCMAPTable(cidSymbolPairCollection map[int]int, numSymbols int) []byte {
	cidSymbolPairCollectionKeys := keySortInt(cidSymbolPairCollection)
	cidID := 0
	cidArray := make(map[int][]int)
	prevCid := -2
	prevSymbol := -1
	for _, cid := range cidSymbolPairCollectionKeys {
		if cid == (prevCid+1) && cidSymbolPairCollection[cid] == (prevSymbol+1) {
			if n, OK := cidArray[cidID]; !OK || n == nil {
				cidArray[cidID] = make([]int, 0)
			}
			cidArray[cidID] = append(cidArray[cidID], cidSymbolPairCollection[cid])
		} else {
			cidID = cid
			cidArray[cidID] = make([]int, 0)
			cidArray[cidID] = append(cidArray[cidID], cidSymbolPairCollection[cid])
		}
		prevCid = cid
		prevSymbol = cidSymbolPairCollection[cid]
	}
	cidArrayKeys := keySortArrayRangeMap(cidArray)
	segCount := len(cidArray) + 1

	searchRange := 1
	entrySelector := 0
	for searchRange*2 <= segCount {
		searchRange = searchRange * 2
		entrySelector = entrySelector + 1
	}
	searchRange = searchRange * 2
	rangeShift := segCount*2 - searchRange
	length := 16 + (8 * segCount) + (numSymbols + 1)
	cmap := []int{0, 1, 3, 1, 0, 12, 4, length, 0, segCount * 2, searchRange, entrySelector, rangeShift}

	for _, start := range cidArrayKeys {
		endCode := start + (len(cidArray[start]) - 1)
		cmap = append(cmap, endCode)
	}
	cmap = append(cmap, 0xFFFF)
	cmap = append(cmap, 0)

	cmap = append(cmap, cidArrayKeys...)
	cmap = append(cmap, 0xFFFF)
	for _, cidKey := range cidArrayKeys {
		idDelta := -(cidKey - cidArray[cidKey][0])
		cmap = append(cmap, idDelta)
	}
	cmap = append(cmap, 1)
	for range cidArray {
		cmap = append(cmap, 0)

	}
	cmap = append(cmap, 0)
	for _, start := range cidArrayKeys {
		cmap = append(cmap, cidArray[start]...)
	}
	cmap = append(cmap, 0)
	cmapstr := make([]byte, 0, 2*len(cmap))
	for _, cm := range cmap {
		cmapstr = binary.BigEndian.AppendUint16(cmapstr, uint16(cm))
	}
	return cmapstr
}

// GenerateCutFont fill utf8FontFile from .utf file, only with runes from usedRunes
func (utf *utf8FontFile) GenerateCutFont(usedRunes map[int]int) []byte {
	utf.fileReader.readerPosition = 0
	utf.loca = locaTable{}
	utf.charSymbolDictionary = nil
	utf.tableDescriptions = make(map[string]*tableDescription)
	utf.outTablesData = make(map[string][]byte, 14)
	utf.Ascent = 0
	utf.Descent = 0
	utf.skip(4)
	utf.LastRune = 0
	utf.generateTableDescriptions()

	utf.SeekTable("head")
	utf.skip(50)
	LocaFormat := utf.readUint16()

	utf.SeekTable("hhea")
	utf.skip(34)
	metricsCount := utf.readUint16()
	oldMetrics := metricsCount

	utf.SeekTable("maxp")
	utf.skip(4)
	numSymbols := utf.readUint16()

	if !utf.generateCMAP() {
		return nil
	}

	// Upstream parsed the hmtx table again here, into CharWidths and
	// DefaultWidth, which nothing reads after the font is registered: the
	// subset copies its metrics from the file (getMetrics). paper's fork
	// leaves it out (FORK.md): a few ms per font per document.

	utf.parseLOCATable(LocaFormat, numSymbols)

	cidSymbolPairCollection, symbolArray, symbolCollection, symbolCollectionKeys := utf.parseSymbols(usedRunes)

	metricsCount = len(symbolCollection)
	numSymbols = metricsCount

	utf.setOutTable("name", utf.getTableData("name"))
	utf.setOutTable("cvt ", utf.getTableData("cvt "))
	utf.setOutTable("fpgm", utf.getTableData("fpgm"))
	utf.setOutTable("prep", utf.getTableData("prep"))
	utf.setOutTable("gasp", utf.getTableData("gasp"))

	postTable := utf.getTableData("post")
	postTable = append(append([]byte{0x00, 0x03, 0x00, 0x00}, postTable[4:16]...), []byte{0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}...)
	utf.setOutTable("post", postTable)

	delete(cidSymbolPairCollection, 0)

	utf.setOutTable("cmap", utf.generateCMAPTable(cidSymbolPairCollection, numSymbols))

	symbolData := utf.getTableData("glyf")

	// paper's fork (FORK.md): the subset's glyf, hmtx and loca tables are
	// written into slices made at their final size, and a composite
	// glyph's component indices are rewritten in its copy in glyf rather
	// than by copying the glyph for each; the hmtx entries are copied
	// from the file without writing to it (upstream's append to a slice
	// of the file wrote a glyph's left side bearing over the next entry,
	// for fonts with fewer metrics than glyphs).
	glyfSize := 0
	for _, originalSymbolIdx := range symbolCollectionKeys {
		glyfSize += max(0, utf.loca.at(originalSymbolIdx+1)-utf.loca.at(originalSymbolIdx))
		glyfSize = (glyfSize + 3) &^ 3
	}
	// Glyphs lie in the glyf table: a damaged loca must not make this
	// room gigabytes (its glyphs panic below, past the file's end).
	glyfSize = min(glyfSize, len(symbolData)+4*len(symbolCollectionKeys))
	offsets := make([]int, 0, len(symbolCollectionKeys)+1)
	glyfData := make([]byte, 0, glyfSize)
	pos := 0
	hmtxData := make([]byte, 0, 4*len(symbolCollectionKeys))

	for _, originalSymbolIdx := range symbolCollectionKeys {
		hmtxData = utf.appendMetrics(hmtxData, oldMetrics, originalSymbolIdx)

		offsets = append(offsets, pos)
		symbolPos := utf.loca.at(originalSymbolIdx)
		symbolLen := utf.loca.at(originalSymbolIdx+1) - symbolPos
		data := symbolData[symbolPos : symbolPos+symbolLen]
		var up int
		if symbolLen > 0 {
			up = unpackUint16(data[0:2])
		}
		glyfData = append(glyfData, data...)

		if symbolLen > 2 && (up&(1<<15)) != 0 {
			data = glyfData[len(glyfData)-symbolLen:]
			posInSymbol := 10
			flags := symbolContinue
			for (flags & symbolContinue) != 0 {
				// A component past the glyph's end: upstream's
				// rewrite of its index panicked there too.
				if posInSymbol+4 > symbolLen {
					panic(fmt.Sprintf("glyph %d: component at %d past its %d bytes", originalSymbolIdx, posInSymbol, symbolLen))
				}
				flags = unpackUint16(data[posInSymbol : posInSymbol+2])
				symbolIdx := unpackUint16(data[posInSymbol+2 : posInSymbol+4])
				binary.BigEndian.PutUint16(data[posInSymbol+2:], uint16(symbolArray[symbolIdx]))
				posInSymbol += 4
				if (flags & symbolWords) != 0 {
					posInSymbol += 4
				} else {
					posInSymbol += 2
				}
				if (flags & symbolScale) != 0 {
					posInSymbol += 2
				} else if (flags & symbolAllScale) != 0 {
					posInSymbol += 4
				} else if (flags & symbol2x2) != 0 {
					posInSymbol += 8
				}
			}
		}

		pos += symbolLen
		if pos%4 != 0 {
			padding := 4 - (pos % 4)
			glyfData = append(glyfData, make([]byte, padding)...)
			pos += padding
		}
	}

	offsets = append(offsets, pos)
	utf.setOutTable("glyf", glyfData)

	utf.setOutTable("hmtx", hmtxData)

	var locaData []byte
	if ((pos + 1) >> 1) > 0xFFFF {
		LocaFormat = 1
		locaData = make([]byte, 0, 4*len(offsets))
		for _, offset := range offsets {
			locaData = binary.BigEndian.AppendUint32(locaData, uint32(offset))
		}
	} else {
		LocaFormat = 0
		locaData = make([]byte, 0, 2*len(offsets))
		for _, offset := range offsets {
			locaData = binary.BigEndian.AppendUint16(locaData, uint16(offset/2))
		}
	}
	utf.setOutTable("loca", locaData)

	headData := utf.getTableData("head")
	headData = utf.insertUint16(headData, 50, LocaFormat)
	utf.setOutTable("head", headData)

	hheaData := utf.getTableData("hhea")
	hheaData = utf.insertUint16(hheaData, 34, metricsCount)
	utf.setOutTable("hhea", hheaData)

	maxp := utf.getTableData("maxp")
	maxp = utf.insertUint16(maxp, 4, numSymbols)
	utf.setOutTable("maxp", maxp)

	os2Data := utf.getTableData("OS/2")
	utf.setOutTable("OS/2", os2Data)

	return utf.assembleTables()
}

// maxCompositeDepth is how deeply composite glyphs may nest: a few
// levels in real fonts (maxp's maxComponentDepth); past it, a glyph
// that contains itself, a damaged font.
const maxCompositeDepth = 32

// getSymbols adds the components of glyph originalSymbolIdx, and theirs,
// to the subset. (paper's fork, FORK.md: depth counts the nesting, and a
// glyph nested past maxCompositeDepth panics, the document's error,
// where a glyph among its own components recursed until the stack
// overflowed, a fatal error no recover catches.)
func (utf *utf8FontFile) getSymbols(originalSymbolIdx int, start *int, symbolSet map[int]int, SymbolsCollection map[int]int, SymbolsCollectionKeys []int, depth int) (*int, map[int]int, map[int]int, []int) {
	if depth > maxCompositeDepth {
		panic(fmt.Sprintf("composite glyph %d nested more than %d deep: it contains itself", originalSymbolIdx, maxCompositeDepth))
	}
	symbolPos := utf.loca.at(originalSymbolIdx)
	symbolSize := utf.loca.at(originalSymbolIdx+1) - symbolPos
	if symbolSize == 0 {
		return start, symbolSet, SymbolsCollection, SymbolsCollectionKeys
	}
	utf.seek(*start + symbolPos)

	lineCount := utf.readInt16()

	if lineCount < 0 {
		utf.skip(8)
		flags := symbolContinue
		for flags&symbolContinue != 0 {
			flags = utf.readUint16()
			symbolIndex := utf.readUint16()
			if _, OK := symbolSet[symbolIndex]; !OK {
				symbolSet[symbolIndex] = len(SymbolsCollection)
				SymbolsCollection[symbolIndex] = 1
				SymbolsCollectionKeys = append(SymbolsCollectionKeys, symbolIndex)
			}
			oldPosition, _ := utf.fileReader.seek(0, 1)
			_, _, _, SymbolsCollectionKeys = utf.getSymbols(symbolIndex, start, symbolSet, SymbolsCollection, SymbolsCollectionKeys, depth+1)
			utf.seek(int(oldPosition))
			if flags&symbolWords != 0 {
				utf.skip(4)
			} else {
				utf.skip(2)
			}
			if flags&symbolScale != 0 {
				utf.skip(2)
			} else if flags&symbolAllScale != 0 {
				utf.skip(4)
			} else if flags&symbol2x2 != 0 {
				utf.skip(8)
			}
		}
	}
	return start, symbolSet, SymbolsCollection, SymbolsCollectionKeys
}

// parseHMTXTable reads the advance widths of the characters the cmap
// maps (pairs, from generateSCCSDictionaries) into CharWidths, and the
// width of glyph 0 into DefaultWidth.
//
// paper's fork (FORK.md): upstream looped over the glyphs and, through a
// map from each glyph to its characters, gave each character its glyph's
// width, so that a character listed under several glyphs (a damaged cmap)
// kept the width of the highest-numbered one it was visited under. This
// gives exactly that from the pairs themselves, without the map and its
// slice per glyph (TestParseHMTXAsUpstream), into a table of the blocks
// of characters the font maps (charWidths) rather than upstream's 512 KB
// slice.
func (utf *utf8FontFile) parseHMTXTable(numberOfHMetrics, numSymbols int, pairs []uint32, scale float64) {
	start := utf.SeekTable("hmtx")
	// The metrics, 4 bytes a glyph, advance first, read where they lie
	// (upstream unpacked them all into a slice of ints).
	metrics := utf.getRange(start, numberOfHMetrics*4)
	rawAdvance := func(symbol int) int { return int(binary.BigEndian.Uint16(metrics[symbol*4:])) }
	// Upstream's first loop visits the glyphs below numberOfHMetrics
	// except glyph 0, its second those from numberOfHMetrics to
	// numSymbols (glyph 0 too when numberOfHMetrics is 0).
	visited := func(char, symbol int) bool {
		return char != 0 && char != 65535 &&
			(numberOfHMetrics > 0 && symbol >= 1 && symbol < numberOfHMetrics ||
				symbol >= numberOfHMetrics && symbol < numSymbols)
	}
	// The blocks of 256 characters that get a width, block 0 always (it
	// holds the count); whether the characters come in increasing order,
	// each once, as in a valid cmap.
	var used [256]bool
	used[0] = true
	charCount := 0
	lastListed := false
	increasing := true
	prev := -1
	for _, p := range pairs {
		char, symbol := int(p>>16), int(p&0xFFFF)
		if numberOfHMetrics > 0 && symbol == numberOfHMetrics-1 {
			lastListed = true
		}
		if !visited(char, symbol) {
			continue
		}
		charCount++
		used[char>>8] = true
		increasing = increasing && char > prev
		prev = char
	}
	// A glyph's advance is 0 when it reads as 32768 or more; the glyphs
	// past numberOfHMetrics take the last one's, clamped only if that glyph
	// is listed (or is glyph 0), as upstream's loop left it.
	advance := func(symbol int) int {
		if w := rawAdvance(symbol); w < 1<<15 {
			return w
		}
		return 0
	}
	tail := 0
	if numberOfHMetrics > 0 {
		tail = rawAdvance(numberOfHMetrics - 1)
		if lastListed || numberOfHMetrics == 1 {
			tail = advance(numberOfHMetrics - 1)
		}
		utf.DefaultWidth = scale * float64(advance(0))
	}
	width := func(symbol int) int {
		aw := tail
		if symbol < numberOfHMetrics {
			aw = advance(symbol)
		}
		w := int(math.Round(scale * float64(aw)))
		if w == 0 {
			w = 65535
		}
		return w
	}
	cw := newCharWidths(&used)
	if increasing {
		for _, p := range pairs {
			if char, symbol := int(p>>16), int(p&0xFFFF); visited(char, symbol) {
				cw.set(char, width(symbol))
			}
		}
	} else {
		// A character listed more than once (a damaged cmap) takes the
		// width of the highest-numbered glyph it is visited under.
		best := make(map[int]int)
		for _, p := range pairs {
			if char, symbol := int(p>>16), int(p&0xFFFF); visited(char, symbol) {
				if s, ok := best[char]; !ok || symbol > s {
					best[char] = symbol
				}
			}
		}
		for char, symbol := range best {
			cw.set(char, width(symbol))
		}
	}
	cw.set(0, charCount)
	utf.CharWidths = cw
}

// appendMetrics appends glyph gid's horizontal metrics (advance and left
// side bearing, 4 bytes) to b, as upstream's getMetrics read them: a
// glyph past the font's metricCount takes the last metric's advance.
// (paper's fork: upstream appended the bearing to a slice of the font
// file, overwriting the bytes after the advance in the file; FORK.md.)
func (utf *utf8FontFile) appendMetrics(b []byte, metricCount, gid int) []byte {
	start := utf.SeekTable("hmtx")
	if gid < metricCount {
		utf.seek(start + (gid * 4))
		return append(b, utf.fileReader.Read(4)...)
	}
	utf.seek(start + ((metricCount - 1) * 4))
	b = append(b, utf.fileReader.Read(2)...)
	utf.seek(start + (metricCount * 2) + (gid * 2))
	return append(b, utf.fileReader.Read(2)...)
}

// locaTable reads a font's glyph offsets where they lie in the file, its
// loca table, in place of upstream's slice of all of them, made again
// for every subset (paper's fork, FORK.md).
type locaTable struct {
	data []byte // the table: n offsets
	long bool   // 4-byte offsets (format 1), else 2-byte halves (format 0)
	n    int
}

// at returns the offset of glyph i in the glyf table; an i past the
// table panics, as upstream's index into its slice did.
func (l locaTable) at(i int) int {
	if i < 0 || i >= l.n {
		panic(fmt.Sprintf("glyph %d past the %d offsets of the loca table", i, l.n))
	}
	if l.long {
		return int(binary.BigEndian.Uint32(l.data[4*i:]))
	}
	return int(binary.BigEndian.Uint16(l.data[2*i:])) * 2
}

func (utf *utf8FontFile) parseLOCATable(format, numSymbols int) {
	start := utf.SeekTable("loca")
	utf.loca = locaTable{}
	if format == 0 {
		utf.loca = locaTable{data: utf.getRange(start, (numSymbols*2)+2), n: numSymbols + 1}
	} else if format == 1 {
		utf.loca = locaTable{data: utf.getRange(start, (numSymbols*4)+4), long: true, n: numSymbols + 1}
	} else {
		fmt.Printf("Unknown loca table format %d\n", format)
		return
	}
}

// maxCmapChars bounds the characters a cmap's segments may map: 65,536
// in a valid font, whose segments do not overlap; generously more.
const maxCmapChars = 1 << 20

// generateSCCSDictionaries reads the cmap subtable at runeCmapPosition
// into a table from character to glyph and the list of (character,
// glyph) pairs in the subtable's order, character in the high 16 bits.
// (paper's fork: the table replaces upstream's map, the pairs its map
// from glyph to characters; FORK.md.)
func (utf *utf8FontFile) generateSCCSDictionaries(runeCmapPosition int) (charSymbolDictionary *cmapTable, pairs []uint32) {
	maxRune := 0
	utf.seek(runeCmapPosition + 2)
	size := utf.readUint16()
	rim := runeCmapPosition + size
	utf.skip(2)

	segmentSize := utf.readUint16() / 2
	utf.skip(6)
	completers := make([]int, 0)
	for i := 0; i < segmentSize; i++ {
		completers = append(completers, utf.readUint16())
	}
	utf.skip(2)
	beginners := make([]int, 0)
	for i := 0; i < segmentSize; i++ {
		beginners = append(beginners, utf.readUint16())
	}
	sizes := make([]int, 0)
	for i := 0; i < segmentSize; i++ {
		sizes = append(sizes, int(utf.readInt16()))
	}
	readerPositionStart := utf.fileReader.readerPosition
	positions := make([]int, 0)
	for i := 0; i < segmentSize; i++ {
		positions = append(positions, utf.readUint16())
	}
	chars := 0
	for n := 0; n < segmentSize; n++ {
		chars += max(0, completers[n]+1-beginners[n])
	}
	// The segments of a cmap are disjoint ranges of 16-bit characters:
	// one whose segments add up to a million is damaged, and reading it
	// would take upstream's loop below minutes (paper's fork, FORK.md;
	// the panic is the document's error, "damaged font file").
	if chars > maxCmapChars {
		panic(fmt.Sprintf("cmap segments map %d characters, more than 16 bits address", chars))
	}
	chars = min(chars, 1<<16) // characters are 16-bit
	// The blocks of 256 characters the segments cover.
	var used [256]bool
	for n := 0; n < segmentSize; n++ {
		for b := beginners[n] >> 8; b <= completers[n]>>8 && beginners[n] <= completers[n]; b++ {
			used[b] = true
		}
	}
	charSymbolDictionary = &cmapTable{glyph: makeBlocks(&used)}
	pairs = make([]uint32, 0, chars)
	var symbol int
	for n := 0; n < segmentSize; n++ {
		completePosition := completers[n] + 1
		for char := beginners[n]; char < completePosition; char++ {
			if positions[n] == 0 {
				symbol = (char + sizes[n]) & 0xFFFF
			} else {
				position := (char-beginners[n])*2 + positions[n]
				position = int(readerPositionStart) + 2*n + position
				if position >= rim {
					symbol = 0
				} else {
					symbol = utf.getUint16(position)
					if symbol != 0 {
						symbol = (symbol + sizes[n]) & 0xFFFF
					}
				}
			}
			charSymbolDictionary.set(char, symbol)
			if char < 196608 {
				maxRune = max(char, maxRune)
			}
			pairs = append(pairs, uint32(char)<<16|uint32(symbol))
		}
	}
	return charSymbolDictionary, pairs
}

func max(i, n int) int {
	if n > i {
		return n
	}
	return i
}

// assembleTables writes the subset's tables (outTablesData) as a
// TrueType file: the directory, sorted by tag, then each table padded to
// 4 bytes, and the head table's checkSumAdjustment. (paper's fork: into
// one slice made at its final size, where upstream copied every table
// twice and the file twice more as it grew and patched it; FORK.md.)
func (utf *utf8FontFile) assembleTables() []byte {
	tablesCount := len(utf.outTablesData)
	findSize := 1
	writer := 0
	for findSize*2 <= tablesCount {
		findSize = findSize * 2
		writer = writer + 1
	}
	findSize = findSize * 16
	rOffset := tablesCount*16 - findSize

	tablesNames := keySortStrings(utf.outTablesData)
	size := 12
	for _, name := range tablesNames {
		size += len(name) + 12 + (len(utf.outTablesData[name])+3)&^3
	}
	answer := make([]byte, 0, size)
	answer = binary.BigEndian.AppendUint32(answer, 0x00010000)
	for _, v := range []int{tablesCount, findSize, writer, rOffset} {
		answer = binary.BigEndian.AppendUint16(answer, uint16(v))
	}

	offset := 12 + tablesCount*16
	begin := 0

	for _, name := range tablesNames {
		table := utf.outTablesData[name]
		if name == "head" {
			begin = offset
		}
		answer = append(answer, name...)
		hi, lo := tableChecksum(table)
		answer = binary.BigEndian.AppendUint16(answer, uint16(hi))
		answer = binary.BigEndian.AppendUint16(answer, uint16(lo))
		answer = binary.BigEndian.AppendUint32(answer, uint32(offset))
		answer = binary.BigEndian.AppendUint32(answer, uint32(len(table)))
		paddedLength := (len(table) + 3) &^ 3
		offset = offset + paddedLength
	}

	for _, key := range tablesNames {
		table := utf.outTablesData[key]
		answer = append(answer, table...)
		answer = append(answer, make([]byte, (4-len(table)%4)%4)...)
	}

	hi, lo := tableChecksum(answer)
	checksum := utf.calcInt32([]int{0xB1B0, 0xAFBA}, []int{hi, lo})
	binary.BigEndian.PutUint16(answer[begin+8:begin+10], uint16(checksum[0]))
	binary.BigEndian.PutUint16(answer[begin+10:begin+12], uint16(checksum[1]))
	return answer
}

// tableChecksum is generateChecksum of data padded with zeros to a
// multiple of 4 bytes, without appending to data (which may be a slice
// of the font file): the two 16-bit halves of the sum of its 32-bit
// words.
func tableChecksum(data []byte) (hi, lo int) {
	full := len(data) &^ 3
	for i := 0; i < full; i += 4 {
		hi += (int(data[i]) << 8) + int(data[i+1])
		lo += (int(data[i+2]) << 8) + int(data[i+3])
		hi += lo >> 16
		lo = lo & 0xFFFF
		hi = hi & 0xFFFF
	}
	if full < len(data) {
		var word [4]byte
		copy(word[:], data[full:])
		hi += (int(word[0]) << 8) + int(word[1])
		lo += (int(word[2]) << 8) + int(word[3])
		hi += lo >> 16
		lo = lo & 0xFFFF
		hi = hi & 0xFFFF
	}
	return hi, lo
}

// unpackUint16Array returns a 0 followed by data's big-endian uint16s. A
// final odd byte gives one more value, as upstream's loop of 2-byte reads
// made it: that byte high, and low the byte the read before left in its
// buffer (0 if none). (paper's fork: upstream read through a bytes.Reader,
// a call per value, a few milliseconds per font; FORK.md.)
func unpackUint16Array(data []byte) []int {
	return unpackArray(data, 2)
}

// unpackUint32Array is unpackUint16Array for big-endian uint32s.
func unpackUint32Array(data []byte) []int {
	return unpackArray(data, 4)
}

func unpackArray(data []byte, size int) []int {
	full := len(data) / size * size
	answer := make([]int, 1, 1+(len(data)+size-1)/size)
	for i := 0; i < full; i += size {
		if size == 2 {
			answer = append(answer, int(binary.BigEndian.Uint16(data[i:])))
		} else {
			answer = append(answer, int(binary.BigEndian.Uint32(data[i:])))
		}
	}
	if full < len(data) {
		var buf [4]byte
		if full > 0 {
			copy(buf[:size], data[full-size:full])
		}
		copy(buf[:], data[full:])
		if size == 2 {
			answer = append(answer, int(binary.BigEndian.Uint16(buf[:])))
		} else {
			answer = append(answer, int(binary.BigEndian.Uint32(buf[:])))
		}
	}
	return answer
}

func unpackUint16(data []byte) int {
	return int(binary.BigEndian.Uint16(data))
}

func keySortStrings(s map[string][]byte) []string {
	keys := make([]string, len(s))
	i := 0
	for key := range s {
		keys[i] = key
		i++
	}
	sort.Strings(keys)
	return keys
}

func keySortInt(s map[int]int) []int {
	keys := make([]int, len(s))
	i := 0
	for key := range s {
		keys[i] = key
		i++
	}
	sort.Ints(keys)
	return keys
}

func keySortArrayRangeMap(s map[int][]int) []int {
	keys := make([]int, len(s))
	i := 0
	for key := range s {
		keys[i] = key
		i++
	}
	sort.Ints(keys)
	return keys
}

// UTF8CutFont is a utility function that generates a TrueType font composed
// only of the runes included in cutset. The rune glyphs are copied from This
// function is demonstrated in ExampleUTF8CutFont().
func UTF8CutFont(inBuf []byte, cutset string) (outBuf []byte) {
	f := newUTF8Font(&fileReader{readerPosition: 0, array: inBuf})
	runes := map[int]int{}
	for i, r := range cutset {
		runes[i] = int(r)
	}
	outBuf = f.GenerateCutFont(runes)
	return
}
