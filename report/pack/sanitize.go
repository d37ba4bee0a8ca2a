package pack

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/paperhq/paper/report/internal/pdfcontent"
)

// What a page displays, and nothing else, is what the pack copies. A
// page's content streams are parsed into operators (report/internal/
// pdfcontent); what a viewer would not draw is dropped (content in an
// optional-content layer that is off in the document's default
// configuration, an XObject whose layer is off, every marked-content
// operator, comments); the resources the remaining operators name, and
// only those, are copied. Each object copied is rebuilt from the keys its
// type needs (a font keeps its widths and font file, an image its size
// and colour space): a whitelist per kind of object, so metadata, piece
// information, private keys and whatever they point to never arrive.
// Form XObjects, tiling patterns and Type 3 glyphs have content of their
// own, which goes through the same filter.

// inflateLimit bounds the bytes that decompressing one input file's
// streams may produce, in total: past it the file is refused as a
// compression bomb rather than exhausting memory. A variable so that
// tests can use a small bomb.
var inflateLimit int64 = 256 << 20

// errBomb is the error of a file whose streams inflate past inflateLimit.
var errBomb = errors.New("refused as a possible compression bomb")

// kind is what a source object is used as, which decides the keys copied
// and the kind of each value under them.
type kind uint8

const (
	kScalar       kind = iota // numbers, names, strings, booleans, arrays of them
	kFont                     // a font dictionary
	kFontDesc                 // a font descriptor
	kFontFile                 // an embedded font program (stream)
	kEncoding                 // a font's /Encoding: a name or an encoding dictionary, or a CMap
	kCMap                     // a CMap stream (or a predefined CMap's name)
	kCIDInfo                  // a CIDSystemInfo dictionary
	kRawStream                // a stream needing no keys of its own (CIDToGIDMap, CIDSet, a lookup table)
	kXObject                  // an image or form XObject
	kImage                    // an image XObject
	kForm                     // a form XObject (content of its own)
	kGroup                    // a transparency group attributes dictionary
	kColorSpace               // a colour space: a name or an array
	kICC                      // an ICC profile stream
	kCalDict                  // the dictionary of a CalGray, CalRGB or Lab colour space
	kDeviceNAttrs             // a DeviceN colour space's attributes
	kColorants                // colourant names to colour spaces
	kProcess                  // DeviceN process colour space
	kFunction                 // a function: dictionary, stream or array of them
	kShading                  // a shading: dictionary or stream
	kPattern                  // a tiling (content of its own) or shading pattern
	kExtGState                // a graphics state parameter dictionary
	kSMask                    // a soft mask dictionary
	kMask                     // an image's /Mask: an image or an array of ranges
	kDecodeParms              // a filter's parameters
)

// keys lists, per kind of dictionary (or stream dictionary), the keys
// copied and the kind of value under each. Anything not listed is not
// copied.
var keys = map[kind]map[string]kind{
	kFont: {
		"Type": kScalar, "Subtype": kScalar, "BaseFont": kScalar, "FirstChar": kScalar, "LastChar": kScalar,
		"Widths": kScalar, "FontDescriptor": kFontDesc, "Encoding": kEncoding, "ToUnicode": kCMap,
		"DescendantFonts": kFont, "CIDSystemInfo": kCIDInfo, "W": kScalar, "W2": kScalar, "DW": kScalar, "DW2": kScalar,
		"CIDToGIDMap": kRawStream, "FontBBox": kScalar, "FontMatrix": kScalar,
		// Type 3 fonts' CharProcs and Resources are copied by type3.
	},
	kFontDesc: {
		"Type": kScalar, "FontName": kScalar, "FontFamily": kScalar, "FontStretch": kScalar, "FontWeight": kScalar,
		"Flags": kScalar, "FontBBox": kScalar, "ItalicAngle": kScalar, "Ascent": kScalar, "Descent": kScalar,
		"Leading": kScalar, "CapHeight": kScalar, "XHeight": kScalar, "StemV": kScalar, "StemH": kScalar,
		"AvgWidth": kScalar, "MaxWidth": kScalar, "MissingWidth": kScalar, "FontFile": kFontFile,
		"FontFile2": kFontFile, "FontFile3": kFontFile, "CIDSet": kRawStream,
	},
	kFontFile:  {"Length1": kScalar, "Length2": kScalar, "Length3": kScalar, "Subtype": kScalar},
	kEncoding:  {"Type": kScalar, "BaseEncoding": kScalar, "Differences": kScalar},
	kCMap:      {"Type": kScalar, "CMapName": kScalar, "CIDSystemInfo": kCIDInfo, "WMode": kScalar, "UseCMap": kCMap},
	kCIDInfo:   {"Registry": kScalar, "Ordering": kScalar, "Supplement": kScalar},
	kRawStream: {},
	kImage: {
		"Type": kScalar, "Subtype": kScalar, "Width": kScalar, "Height": kScalar, "BitsPerComponent": kScalar,
		"Intent": kScalar, "ImageMask": kScalar, "Decode": kScalar, "Interpolate": kScalar, "SMaskInData": kScalar,
		"ColorSpace": kColorSpace, "Mask": kMask, "SMask": kImage, "Matte": kScalar,
	},
	kForm:         {"Type": kScalar, "Subtype": kScalar, "FormType": kScalar, "BBox": kScalar, "Matrix": kScalar, "Group": kGroup},
	kColorants:    {},
	kGroup:        {"Type": kScalar, "S": kScalar, "I": kScalar, "K": kScalar, "CS": kColorSpace},
	kICC:          {"N": kScalar, "Range": kScalar, "Alternate": kColorSpace},
	kCalDict:      {"WhitePoint": kScalar, "BlackPoint": kScalar, "Gamma": kScalar, "Matrix": kScalar, "Range": kScalar},
	kDeviceNAttrs: {"Subtype": kScalar, "Colorants": kColorants, "Process": kProcess},
	kProcess:      {"ColorSpace": kColorSpace, "Components": kScalar},
	kFunction: {
		"FunctionType": kScalar, "Domain": kScalar, "Range": kScalar, "Size": kScalar, "BitsPerSample": kScalar,
		"Order": kScalar, "Encode": kScalar, "Decode": kScalar, "C0": kScalar, "C1": kScalar, "N": kScalar,
		"Bounds": kScalar, "Functions": kFunction,
	},
	kShading: {
		"ShadingType": kScalar, "ColorSpace": kColorSpace, "Background": kScalar, "BBox": kScalar, "AntiAlias": kScalar,
		"Coords": kScalar, "Domain": kScalar, "Function": kFunction, "Extend": kScalar, "Matrix": kScalar,
		"BitsPerCoordinate": kScalar, "BitsPerComponent": kScalar, "BitsPerFlag": kScalar, "Decode": kScalar,
		"VerticesPerRow": kScalar,
	},
	kPattern: {
		"Type": kScalar, "PatternType": kScalar, "PaintType": kScalar, "TilingType": kScalar, "BBox": kScalar,
		"XStep": kScalar, "YStep": kScalar, "Matrix": kScalar, "Shading": kShading, "ExtGState": kExtGState,
	},
	kExtGState: {
		"Type": kScalar, "LW": kScalar, "LC": kScalar, "LJ": kScalar, "ML": kScalar, "D": kScalar, "RI": kScalar,
		"OP": kScalar, "op": kScalar, "OPM": kScalar, "FL": kScalar, "SM": kScalar, "SA": kScalar, "BM": kScalar,
		"CA": kScalar, "ca": kScalar, "AIS": kScalar, "TK": kScalar, "UseBlackPtComp": kScalar,
		"BG": kFunction, "BG2": kFunction, "UCR": kFunction, "UCR2": kFunction, "TR": kFunction, "TR2": kFunction,
		"SMask": kSMask,
		// Font ([font size]) is copied by extGState.
	},
	kSMask: {"Type": kScalar, "S": kScalar, "BC": kScalar, "G": kForm, "TR": kFunction},
	kDecodeParms: {
		"Predictor": kScalar, "Colors": kScalar, "BitsPerComponent": kScalar, "Columns": kScalar, "EarlyChange": kScalar,
		"K": kScalar, "EndOfLine": kScalar, "EncodedByteAlign": kScalar, "Rows": kScalar, "EndOfBlock": kScalar,
		"BlackIs1": kScalar, "DamagedRowsBeforeError": kScalar, "ColorTransform": kScalar, "JBIG2Globals": kRawStream,
	},
}

// resourceKinds maps a resource category to the kind of its entries.
var resourceKinds = map[string]kind{
	"Font": kFont, "XObject": kXObject, "ExtGState": kExtGState, "ColorSpace": kColorSpace,
	"Pattern": kPattern, "Shading": kShading,
}

// streamFilters are the filters a copied stream may use: the standard
// ones a viewer decodes. A stream with any other (Crypt, or a name no
// viewer knows) is not copied.
var streamFilters = map[string]bool{
	"FlateDecode": true, "LZWDecode": true, "ASCIIHexDecode": true, "ASCII85Decode": true, "RunLengthDecode": true,
	"CCITTFaxDecode": true, "JBIG2Decode": true, "DCTDecode": true, "JPXDecode": true,
}

// maxNesting bounds how deep direct objects nest in what the pack
// copies: no real file comes close.
const maxNesting = 32

// objKey identifies a copied object: the same source object used as two
// kinds is two objects, each with its own keys. scope is set for objects
// with content but no resources of their own, which use those of
// whatever draws them.
type objKey struct {
	n     int
	k     kind
	scope int
}

// scope is the resources in effect where an object is drawn, for objects
// with content that have none of their own.
type scope struct {
	id  int // the object number of the page or form they belong to
	res types.Dict
}

// job is a source object reached but not yet written.
type job struct {
	key objKey
	out outRef
	sc  scope
}

// obj rebuilds a source value as kind k for the output: source
// references become output references (the object queued for writing),
// dictionaries keep only the keys their kind lists.
func (c *copier) obj(o types.Object, k kind, sc scope, depth int) types.Object {
	if depth > maxNesting {
		return nil
	}
	if ir, ok := o.(types.IndirectRef); ok {
		n := ir.ObjectNumber.Value()
		v, err := c.ctx.Dereference(ir)
		if err != nil || v == nil {
			return nil
		}
		switch v.(type) {
		case types.Dict, types.StreamDict:
			if k == kScalar {
				return nil
			}
			if r, ok := c.ref(n, k, v, sc); ok {
				return r
			}
			return nil
		}
		return c.obj(v, k, sc, depth+1)
	}
	switch k {
	case kScalar:
		return scalar(o, c, depth)
	case kColorSpace:
		return c.colorSpace(o, sc, depth)
	case kFunction:
		if arr, ok := o.(types.Array); ok {
			out := make(types.Array, 0, len(arr))
			for _, e := range arr {
				out = append(out, c.obj(e, kFunction, sc, depth+1))
			}
			return out
		}
	case kFont:
		if arr, ok := o.(types.Array); ok { // DescendantFonts
			if len(arr) != 1 {
				return nil
			}
			return types.Array{c.obj(arr[0], kFont, sc, depth+1)}
		}
	case kMask:
		if arr, ok := o.(types.Array); ok {
			return scalar(arr, c, depth)
		}
		return nil // an image mask is a stream, so a reference
	}
	if n, ok := o.(types.Name); ok && (k == kFunction || k == kEncoding || k == kCMap || k == kSMask || k == kRawStream) {
		return n // /Identity, /Default, /None, /WinAnsiEncoding, /Identity-H
	}
	if d, ok := o.(types.Dict); ok {
		switch k {
		case kImage, kForm, kXObject, kFontFile, kICC, kRawStream, kCMap:
			return nil // streams, which are never direct
		}
		return c.dict(d, k, sc, depth)
	}
	return nil
}

// fontTypes are the font dictionaries' subtypes.
var fontTypes = map[string]bool{"Type1": true, "MMType1": true, "TrueType": true, "Type0": true, "Type3": true,
	"CIDFontType0": true, "CIDFontType2": true}

// usable reports whether d has what a viewer needs to use it as kind k:
// a font its subtype and name (a composite font its descendant and
// encoding, a Type 3 font its glyphs), an image its size, a form its
// bounding box. One
// that has not is not copied (the viewer could not draw it either).
func usable(k kind, d types.Dict) bool {
	switch k {
	case kFont:
		st, _ := d["Subtype"].(types.Name)
		need := []string{"BaseFont"}
		switch st {
		case "Type3":
			need = []string{"FontMatrix", "CharProcs"}
		case "Type0":
			need = append(need, "DescendantFonts", "Encoding")
		}
		for _, k := range need {
			if d[k] == nil {
				return false
			}
		}
		return fontTypes[string(st)]
	case kImage:
		return d["Width"] != nil && d["Height"] != nil
	case kForm:
		return d["BBox"] != nil
	}
	return true
}

// dict rebuilds a direct dictionary as kind k.
func (c *copier) dict(d types.Dict, k kind, sc scope, depth int) types.Object {
	allowed, ok := keys[k]
	if !ok || !usable(k, d) {
		return nil
	}
	out := types.Dict{}
	// In a fixed order, so that object numbers are the same each run.
	for _, key := range sortedKeys(d) {
		vk, ok := allowed[key]
		if !ok {
			continue
		}
		if cv := c.obj(d[key], vk, sc, depth+1); cv != nil {
			out[key] = cv
		}
	}
	switch k {
	case kFont:
		c.renameFont(out, "BaseFont")
		if st := d.Subtype(); st != nil && *st == "Type3" {
			c.type3(d, out, sc, depth)
		}
	case kFontDesc:
		c.renameFont(out, "FontName")
	case kExtGState:
		if arr, err := c.ctx.DereferenceArray(d["Font"]); err == nil && len(arr) == 2 {
			if f := c.obj(arr[0], kFont, sc, depth+1); f != nil {
				out["Font"] = types.Array{f, scalar(arr[1], c, depth+1)}
			}
		}
	case kColorants:
		for _, name := range sortedKeys(d) {
			if cv := c.obj(d[name], kColorSpace, sc, depth+1); cv != nil {
				out[name] = cv
			}
		}
	}
	return out
}

// renameFont applies the pack's font renaming to a font's or
// descriptor's name: subsets from different sources never share a name.
func (c *copier) renameFont(d types.Dict, key string) {
	v, ok := d[key].(types.Name)
	if !ok {
		return
	}
	if to, ok := c.fontNames[string(v)]; ok {
		d[key] = types.Name(to)
	} else if c.fontTag != "" && subsetRE.MatchString(string(v)) {
		d[key] = types.Name(c.fontTag + string(v)[6:])
	}
}

// scalar copies plain data: numbers, names, strings, booleans and arrays
// of them, references resolved. Dictionaries and streams are not plain
// data and are dropped.
func scalar(o types.Object, c *copier, depth int) types.Object {
	if depth > maxNesting {
		return nil
	}
	switch v := o.(type) {
	case types.IndirectRef:
		r, err := c.ctx.Dereference(v)
		if err != nil {
			return nil
		}
		return scalar(r, c, depth+1)
	case types.Array:
		out := make(types.Array, len(v))
		for i, e := range v {
			out[i] = scalar(e, c, depth+1)
		}
		return out
	case types.Integer, types.Float, types.Boolean, types.Name, types.StringLiteral, types.HexLiteral:
		return v
	}
	return nil
}

// colorSpace copies a colour space: a name, or an array of a known
// family with exactly the operands that family takes.
func (c *copier) colorSpace(o types.Object, sc scope, depth int) types.Object {
	switch v := o.(type) {
	case types.Name:
		return v
	case types.Array:
		if len(v) == 0 {
			return nil
		}
		fam, _ := c.deref(v[0]).(types.Name)
		at := func(i int, k kind) types.Object {
			if i >= len(v) {
				return nil
			}
			return c.obj(v[i], k, sc, depth+1)
		}
		switch fam {
		case "DeviceGray", "DeviceRGB", "DeviceCMYK", "Pattern", "G", "RGB", "CMYK":
			if len(v) == 1 {
				return types.Array{fam}
			}
			if fam == "Pattern" {
				return types.Array{fam, at(1, kColorSpace)}
			}
			return fam
		case "CalGray", "CalRGB", "Lab":
			return types.Array{fam, at(1, kCalDict)}
		case "ICCBased":
			return types.Array{fam, at(1, kICC)}
		case "Indexed", "I":
			lookup := at(3, kRawStream)
			if lookup == nil && len(v) > 3 {
				lookup = scalar(v[3], c, depth+1)
			}
			return types.Array{fam, at(1, kColorSpace), at(2, kScalar), lookup}
		case "Separation":
			return types.Array{fam, at(1, kScalar), at(2, kColorSpace), at(3, kFunction)}
		case "DeviceN":
			out := types.Array{fam, at(1, kScalar), at(2, kColorSpace), at(3, kFunction)}
			if len(v) > 4 {
				out = append(out, at(4, kDeviceNAttrs))
			}
			return out
		}
	}
	return nil
}

// deref resolves a reference, or returns nil.
func (c *copier) deref(o types.Object) types.Object {
	v, err := c.ctx.Dereference(o)
	if err != nil {
		return nil
	}
	return v
}

// ref returns the output reference of source object n copied as kind k,
// queueing it the first time. v is the object, already resolved.
func (c *copier) ref(n int, k kind, v types.Object, sc scope) (outRef, bool) {
	if c.blocked[n] {
		return 0, false
	}
	var d types.Dict
	switch v := v.(type) {
	case types.Dict:
		d = v
	case types.StreamDict:
		d = v.Dict
	}
	// An XObject is an image or a form, a pattern's content is its own.
	switch k {
	case kXObject:
		switch st := d.Subtype(); {
		case st != nil && *st == "Image":
			k = kImage
		case st != nil && *st == "Form":
			k = kForm
		default:
			return 0, false // PostScript XObjects and the unknown
		}
	}
	if !usable(k, d) {
		return 0, false
	}
	key := objKey{n: n, k: k}
	if st := d.Subtype(); k == kForm || k == kPattern || k == kFont && st != nil && *st == "Type3" {
		if _, own := d["Resources"]; !own {
			key.scope = sc.id
		}
	}
	if r, ok := c.objs[key]; ok {
		return r, r != 0
	}
	r := c.out.reserve()
	c.objs[key] = r
	c.jobs = append(c.jobs, job{key: key, out: r, sc: sc})
	return r, true
}

// flush writes every queued object, and everything they reach.
func (c *copier) flush() error {
	for len(c.jobs) > 0 {
		j := c.jobs[0]
		c.jobs = c.jobs[1:]
		body, err := c.write(j)
		if err != nil {
			return err
		}
		c.out.set(j.out, body)
	}
	return nil
}

// write builds the body of one queued object.
func (c *copier) write(j job) ([]byte, error) {
	v := c.deref(*types.NewIndirectRef(j.key.n, 0))
	var b bytes.Buffer
	switch v := v.(type) {
	case types.Dict:
		if j.key.k == kForm || j.key.k == kImage || j.key.k == kFontFile || j.key.k == kICC || j.key.k == kRawStream {
			return []byte("null"), nil // a stream kind given a dictionary
		}
		if j.key.k == kPattern {
			if pt := v.IntEntry("PatternType"); pt == nil || *pt != 2 {
				return []byte("null"), nil // a tiling pattern is a stream
			}
		}
		encodeOwn(&b, c.dict(v, j.key.k, j.sc, 0))
		return b.Bytes(), nil
	case types.StreamDict:
		switch j.key.k {
		case kForm, kPattern:
			return c.contentObject(v, j)
		case kFont, kFontDesc, kEncoding, kCIDInfo, kGroup, kCalDict, kDeviceNAttrs, kColorants, kProcess, kExtGState, kSMask, kDecodeParms:
			return []byte("null"), nil // a dictionary kind given a stream
		case kMask:
			return c.rawStream(v, kImage, j)
		}
		k := j.key.k
		if k == kCMap || k == kEncoding {
			k = kCMap
		}
		return c.rawStream(v, k, j)
	}
	return []byte("null"), nil
}

// rawStream copies a stream whose data the pack does not read (an image,
// a font program, an ICC profile): its whitelisted keys and its data as
// stored. Its data is decompressed once, through the file's inflate
// budget, so that a compression bomb is refused; data stored after the
// end of a Flate stream (which no viewer reads) is cut off.
func (c *copier) rawStream(sd types.StreamDict, k kind, j job) ([]byte, error) {
	d, ok := c.dict(sd.Dict, k, j.sc, 0).(types.Dict)
	if !ok {
		return []byte("null"), nil
	}
	raw, err := c.checkStreamShared(sd, j.key.n)
	if err != nil {
		return nil, err
	}
	if raw == nil {
		return []byte("null"), nil
	}
	if !c.streamFilter(sd, d) {
		return []byte("null"), nil
	}
	if fp := sd.FilterPipeline; len(fp) == 1 && fp[0].Name == "DCTDecode" {
		raw = jpegPixels(raw)
	}
	return streamBody(d, raw), nil
}

// streamFilter copies a stream's /Filter and /DecodeParms into d,
// reporting false when the stream uses a filter no viewer decodes.
func (c *copier) streamFilter(sd types.StreamDict, d types.Dict) bool {
	if len(sd.FilterPipeline) == 0 {
		return true
	}
	var names, parms types.Array
	anyParms := false
	for _, f := range sd.FilterPipeline {
		if !streamFilters[f.Name] {
			return false
		}
		names = append(names, types.Name(f.Name))
		if f.DecodeParms != nil {
			anyParms = true
			parms = append(parms, c.dict(f.DecodeParms, kDecodeParms, scope{}, 0))
		} else {
			parms = append(parms, nil)
		}
	}
	if len(names) == 1 {
		d["Filter"] = names[0]
		if anyParms {
			d["DecodeParms"] = parms[0]
		}
		return true
	}
	d["Filter"] = names
	if anyParms {
		d["DecodeParms"] = parms
	}
	return true
}

// streamBody is a stream object's body: d with its /Length, and data.
func streamBody(d types.Dict, data []byte) []byte {
	var head bytes.Buffer
	d = d.Clone().(types.Dict)
	d["Length"] = types.Integer(len(data))
	encodeOwn(&head, d)
	// One allocation of the body's size: the data can be megabytes.
	b := make([]byte, 0, head.Len()+len(data)+len("\nstream\n\nendstream"))
	b = append(b, head.Bytes()...)
	b = append(b, "\nstream\n"...)
	b = append(b, data...)
	return append(b, "\nendstream"...)
}

// checkStream decompresses a stream's general-purpose filters (Flate,
// LZW, ASCII85, ASCIIHex, RunLength; image codecs are left to the
// viewer) within the file's inflate budget, and returns the data to
// copy: as stored, cut at the end of its Flate data when that is its
// first filter. It returns nil data for a stream it cannot decode (the
// stream is not copied) and an error wrapping errBomb past the budget.
func (c *copier) checkStream(sd types.StreamDict, n int) ([]byte, error) {
	raw := sd.Raw
	if c.own {
		return raw, nil
	}
	var first *bytes.Reader // the first filter's input, when it is Flate
	cut := func() []byte {
		if first == nil {
			return raw
		}
		return raw[:len(raw)-first.Len()]
	}
	var data []byte // the output of the filters so far
	for i, f := range sd.FilterPipeline {
		switch f.Name {
		case "FlateDecode", "LZWDecode", "ASCII85Decode", "ASCIIHexDecode", "RunLengthDecode":
		default:
			return cut(), nil
		}
		var r io.Reader
		if i == 0 && f.Name == "FlateDecode" {
			first = bytes.NewReader(raw)
			zr, err := zlib.NewReader(first)
			if err != nil {
				return nil, nil
			}
			if len(sd.FilterPipeline) == 1 {
				// Only counted, not kept: the data is copied as stored.
				if err := c.count(zr, n); err != nil {
					return nil, err
				}
				return cut(), nil
			}
			r = zr
		} else {
			in := data
			if i == 0 {
				in = raw
			}
			fi, err := filter.NewFilter(f.Name, intParms(f.DecodeParms), c.budget+1)
			if err != nil {
				return nil, nil
			}
			out, err := fi.Decode(bytes.NewReader(in))
			if errors.Is(err, filter.ErrDecodeLimitExceeded) {
				return nil, c.bomb(n)
			}
			if err != nil {
				return nil, nil
			}
			r = out
		}
		var err error
		if data, err = c.inflate(r, n); err != nil {
			return nil, err
		}
	}
	return cut(), nil
}

// inflate reads r within the file's budget.
func (c *copier) inflate(r io.Reader, n int) ([]byte, error) {
	var b bytes.Buffer
	got, _ := io.Copy(&b, io.LimitReader(r, c.budget+1))
	c.budget -= got
	if c.budget < 0 {
		return nil, c.bomb(n)
	}
	// A damaged stream gives what decoded before the damage, which is
	// what a viewer shows.
	return b.Bytes(), nil
}

func (c *copier) bomb(n int) error {
	return fmt.Errorf("its streams decompress to more than %d MB (object %d): %w", inflateLimit>>20, n, errBomb)
}

// count reads r to its end within the file's budget, keeping nothing.
func (c *copier) count(r io.Reader, n int) error {
	got, _ := io.Copy(io.Discard, io.LimitReader(r, c.budget+1))
	c.budget -= got
	if c.budget < 0 {
		return c.bomb(n)
	}
	return nil
}

// intParms converts a filter's parameters for pdfcpu's filters.
func intParms(d types.Dict) map[string]int {
	m := map[string]int{}
	for k, v := range d {
		switch v := v.(type) {
		case types.Integer:
			m[k] = int(v)
		case types.Boolean:
			if v {
				m[k] = 1
			} else {
				m[k] = 0
			}
		}
	}
	return m
}

// decode returns a content stream's data, decompressed within the
// file's budget.
func (c *copier) decode(sd types.StreamDict, n int) ([]byte, error) {
	var data []byte = sd.Raw
	for _, f := range sd.FilterPipeline {
		switch f.Name {
		case "FlateDecode", "LZWDecode", "ASCII85Decode", "ASCIIHexDecode", "RunLengthDecode":
		default:
			return nil, fmt.Errorf("object %d: page content compressed with %s, an image format", n, f.Name)
		}
		fi, err := filter.NewFilter(f.Name, intParms(f.DecodeParms), c.budget+1)
		if err != nil {
			return nil, fmt.Errorf("object %d: %v", n, err)
		}
		out, err := fi.Decode(bytes.NewReader(data))
		if errors.Is(err, filter.ErrDecodeLimitExceeded) {
			return nil, c.bomb(n)
		}
		if err != nil {
			return nil, fmt.Errorf("object %d: content cannot be decompressed (%v)", n, err)
		}
		if data, err = c.inflate(out, n); err != nil {
			return nil, err
		}
	}
	return data, nil
}

// pageContent copies a page's content and the resources it uses. A
// page's content streams are one stream, split anywhere: they are read
// as one and written as one. The pack's own documents (written by paper,
// with nothing hidden) keep their streams as stored and every resource
// their pages list, which spares reading and recompressing them.
func (c *copier) pageContent(sp srcPage, sc scope) (types.Array, types.Dict, error) {
	streams := c.contentStreams(sp)
	if c.own {
		var out types.Array
		for _, e := range streams {
			if r := c.obj(e, kRawStream, sc, 0); r != nil {
				out = append(out, r)
			}
		}
		all := usage{}
		for cat := range resourceKinds {
			names, _ := c.deref(sc.res[cat]).(types.Dict)
			for n := range names {
				all.use(cat, n)
			}
		}
		return out, c.resources(sc, all, 0), nil
	}
	content, res, err := c.pageContentShared(sp, sc)
	if err != nil {
		return nil, nil, err
	}
	return types.Array{c.out.addStream(types.Dict{"Filter": types.Name("FlateDecode")}, content)}, res, nil
}

// contentStreams lists a page's content streams.
func (c *copier) contentStreams(sp srcPage) types.Array {
	switch v := c.deref(sp.dict["Contents"]).(type) {
	case types.Array:
		return v
	case types.StreamDict:
		return types.Array{sp.dict["Contents"]}
	}
	return nil
}

// contentAt decodes the content stream o refers to; ok is false when o
// is not a reference to a stream.
func (c *copier) contentAt(o types.Object) (data []byte, ok bool, err error) {
	ir, isRef := o.(types.IndirectRef)
	if !isRef {
		return nil, false, nil
	}
	sd, isStream := c.deref(ir).(types.StreamDict)
	if !isStream {
		return nil, false, nil
	}
	data, err = c.decode(sd, ir.ObjectNumber.Value())
	return data, err == nil, err
}

// contentObject writes a form XObject or tiling pattern: its keys, its
// content filtered and its resources cut to what that content uses.
func (c *copier) contentObject(sd types.StreamDict, j job) ([]byte, error) {
	d, ok := c.dict(sd.Dict, j.key.k, j.sc, 0).(types.Dict)
	if !ok {
		return []byte("null"), nil
	}
	if j.key.k == kPattern {
		if pt := sd.Dict.IntEntry("PatternType"); pt == nil || *pt != 1 {
			return []byte("null"), nil
		}
	}
	data, err := c.decode(sd, j.key.n)
	if err != nil {
		return nil, err
	}
	sc := c.ownScope(sd.Dict, j.key.n, j.sc)
	content, res := c.content(data, sc, false)
	d["Resources"] = res
	d["Filter"] = types.Name("FlateDecode")
	return streamBody(d, content), nil
}

// ownScope is the scope of an object's content: its own resources, or
// those it inherits.
func (c *copier) ownScope(d types.Dict, n int, inherited scope) scope {
	if v, ok := d["Resources"]; ok {
		res, _ := c.deref(v).(types.Dict)
		return scope{id: n, res: res}
	}
	return scope{id: n, res: inherited.res}
}

// type3 copies a Type 3 font's glyph procedures (content, filtered like
// a page's) and the resources they use.
func (c *copier) type3(d, out types.Dict, sc scope, depth int) {
	procs, _ := c.deref(d["CharProcs"]).(types.Dict)
	own := scope{id: sc.id, res: sc.res}
	if v, ok := d["Resources"]; ok {
		res, _ := c.deref(v).(types.Dict)
		own.res = res
	}
	var used usage
	outProcs := types.Dict{}
	for _, name := range sortedKeys(procs) {
		data, ok, err := c.contentAt(procs[name])
		if err != nil || !ok {
			continue // a glyph that cannot be read is not drawn
		}
		ops, _ := pdfcontent.Parse(data)
		ops = c.visibleOps(ops, own.res, 0)
		used.add(ops)
		outProcs[name] = c.out.add(streamBody(types.Dict{"Filter": types.Name("FlateDecode")}, compress(pdfcontent.Append(nil, ops))))
	}
	out["CharProcs"] = outProcs
	out["Resources"] = c.resources(own, used, depth+1)
}

// content filters a content stream to what a viewer draws and returns
// it, compressed, with the resources it uses. A page's content (page
// true) is also balanced, so that the furniture drawn after it is drawn
// in the graphics state the pack set up.
func (c *copier) content(data []byte, sc scope, page bool) ([]byte, types.Dict) {
	content, used := c.filterContent(data, sc, page)
	return content, c.resources(sc, used, 0)
}

// filterContent is content's filtered stream, compressed, and the
// resources it uses.
func (c *copier) filterContent(data []byte, sc scope, page bool) ([]byte, usage) {
	// A stream that breaks off is drawn up to the break, as viewers do.
	ops, _ := pdfcontent.Parse(data)
	marks := 0
	if page && c.kept != nil {
		marks = sc.id
	}
	ops = c.visibleOps(ops, sc.res, marks)
	if page {
		ops = balance(ops)
	}
	var used usage
	used.add(ops)
	return compress(pdfcontent.Append(nil, ops)), used
}

// balance drops a Q that restores a state its content did not save
// (which would undo the pack's own q), and ends what the content leaves
// open: a text object, saved states.
func balance(ops []pdfcontent.Op) []pdfcontent.Op {
	depth, inText := 0, false
	out := ops[:0] // in place: out never overtakes the operator read
	for _, op := range ops {
		switch op.Operator {
		case "q":
			depth++
		case "Q":
			if depth == 0 {
				continue
			}
			depth--
		case "BT":
			inText = true
		case "ET":
			inText = false
		}
		out = append(out, op)
	}
	if inText {
		out = append(out, pdfcontent.Op{Operator: "ET"})
	}
	for range depth {
		out = append(out, pdfcontent.Op{Operator: "Q"})
	}
	return out
}

// zlibWriters are reused: each holds about a megabyte of state.
var zlibWriters = sync.Pool{New: func() any { return zlib.NewWriter(nil) }}

// compress deflates a content stream the pack writes.
func compress(data []byte) []byte {
	var b bytes.Buffer
	w := zlibWriters.Get().(*zlib.Writer)
	w.Reset(&b)
	w.Write(data)
	w.Close()
	zlibWriters.Put(w)
	return b.Bytes()
}

// usage is the resource names a content stream uses, by category.
type usage map[string]map[string]bool

func (u *usage) use(category, name string) {
	if *u == nil {
		*u = usage{}
	}
	if (*u)[category] == nil {
		(*u)[category] = map[string]bool{}
	}
	(*u)[category][name] = true
}

// namedResource maps the operators whose first operand names a resource
// to the resource's category.
var namedResource = map[string]string{"Tf": "Font", "Do": "XObject", "gs": "ExtGState", "sh": "Shading"}

// add records the resources ops name: fonts (Tf), XObjects (Do),
// graphics states (gs), shadings (sh), patterns (scn, SCN), colour
// spaces (cs, CS, and an inline image's /CS).
func (u *usage) add(ops []pdfcontent.Op) {
	for _, op := range ops {
		if cat, ok := namedResource[op.Operator]; ok {
			if n, ok := op.NameOperand(0); ok {
				u.use(cat, n)
			}
			continue
		}
		switch op.Operator {
		case "scn", "SCN":
			if n, ok := op.NameOperand(-1); ok {
				u.use("Pattern", n)
			}
		case "cs", "CS":
			if n, ok := op.NameOperand(0); ok && !deviceSpace(n) {
				u.use("ColorSpace", n)
			}
		case "BI":
			for _, key := range []string{"CS", "ColorSpace"} {
				if v, ok := pdfcontent.Get(op.Operands, key); ok && v.Kind == pdfcontent.Name && !deviceSpace(string(v.Str)) {
					u.use("ColorSpace", string(v.Str))
				}
			}
		}
	}
}

func deviceSpace(n string) bool {
	switch n {
	case "DeviceGray", "DeviceRGB", "DeviceCMYK", "Pattern", "G", "RGB", "CMYK", "I", "Indexed":
		return true
	}
	return false
}

// resources builds the resource dictionary of content that uses used,
// from the resources in effect.
func (c *copier) resources(sc scope, used usage, depth int) types.Dict {
	out := types.Dict{}
	for _, cat := range sortedKeys(toDict(used)) {
		src, _ := c.deref(sc.res[cat]).(types.Dict)
		if src == nil {
			continue
		}
		entries := types.Dict{}
		names := make([]string, 0, len(used[cat]))
		for n := range used[cat] {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			v, ok := src[n]
			if !ok {
				continue
			}
			if cv := c.obj(v, resourceKinds[cat], sc, depth+1); cv != nil {
				entries[n] = cv
			}
		}
		if len(entries) > 0 {
			out[cat] = entries
		}
	}
	return out
}

func toDict(u usage) types.Dict {
	d := types.Dict{}
	for k := range u {
		d[k] = nil
	}
	return d
}
