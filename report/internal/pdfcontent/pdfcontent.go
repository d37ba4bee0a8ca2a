// Package pdfcontent reads a PDF content stream (ISO 32000-1, 7.8.2) into
// its operators, each with its operands, and writes operators back out.
//
// It is the shared ground for code that must know what a page draws
// rather than what its bytes happen to hold: the agenda pack drops
// content in layers switched off and copies only the resources the
// operators name; a hidden-text check follows text positions and fills.
// Parsing is lexical only: operators are not checked against the
// specification's list (viewers ignore operators they do not know, and
// so does a caller that does not look for them), and operands are not
// checked for count or type. Comments are dropped. Written back, a
// stream holds only its operators, so nothing a viewer does not read
// survives a Parse and Append.
package pdfcontent

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
)

// Kind is the type of an operand.
type Kind uint8

const (
	Number Kind = iota // 12, -3.5, .5
	Name               // /F1 (Str holds the name decoded, without the slash)
	String             // (text) or <hex> (Str holds the decoded bytes)
	Array              // [ ... ] (Elems)
	Dict               // << ... >> (Elems: key, value, key, value ...; keys are Names)
	Bool               // true, false
	Null               // null
)

// Value is an operand.
type Value struct {
	Kind  Kind
	Num   float64 // Number; Bool: 1 for true
	Str   []byte  // Name, String
	Hex   bool    // String written as <hex>
	Elems []Value // Array, Dict
}

// Op is one operator and the operands before it. An inline image (BI
// ... ID data EI) is one Op with Operator "BI", its dictionary's keys
// and values as Operands (alternating), and its data in Data.
type Op struct {
	Operator string
	Operands []Value
	Data     []byte
	// Offset is where the operator (or, for BI, the BI keyword) starts
	// in the stream, for messages.
	Offset int
}

// MaxDepth bounds the nesting of arrays and dictionaries in an operand.
const MaxDepth = 32

// SyntaxError is an unreadable content stream.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("content stream, byte %d: %s", e.Offset, e.Msg)
}

// Parse reads a content stream. It fails only on what no viewer could
// read either: an unterminated string, array, dictionary or inline
// image, a ] or >> without its opening, nesting past MaxDepth. On an
// error it returns the operators read before it with the error, as a
// viewer draws a page up to the point where its content breaks off.
// Operands left at the end of the stream without an operator are
// dropped, as viewers drop them.
func Parse(data []byte) ([]Op, error) {
	p := &parser{data: data}
	// Guesses that save growing the slices op by op: content streams
	// average well over eight bytes an operator and an operand (the
	// pages of a pack of example papers and their appendices: 9.4 bytes
	// an operator, 12.1 an operand; a quarter of that, the guess before,
	// allocated three times the operands' room). Every operator's
	// operands are a window on one shared slice; a window taken before
	// the slice grows stays on the values it was taken on.
	ops := make([]Op, 0, len(data)/8+1)
	vals := make([]Value, 0, len(data)/8+1)
	start0 := 0 // where the current operator's operands start in vals
	for {
		p.skipSpace()
		if p.pos >= len(p.data) {
			return ops, nil
		}
		start := p.pos
		c := p.data[p.pos]
		if isRegular(c) && !isNumberStart(c) {
			word := p.word()
			switch word {
			case "true", "false":
				vals = append(vals, Value{Kind: Bool, Num: b2f(word == "true")})
				continue
			case "null":
				vals = append(vals, Value{Kind: Null})
				continue
			case "BI":
				op, err := p.inlineImage(start)
				if err != nil {
					return ops, err
				}
				ops = append(ops, op)
				vals = vals[:start0] // operands before BI belong to nothing
				continue
			}
			var operands []Value
			if len(vals) > start0 {
				operands = vals[start0:len(vals):len(vals)]
			}
			ops = append(ops, Op{Operator: word, Operands: operands, Offset: start})
			start0 = len(vals)
			continue
		}
		v, err := p.value(0)
		if err != nil {
			return ops, err
		}
		vals = append(vals, v)
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

type parser struct {
	data []byte
	pos  int
}

func (p *parser) errorf(at int, format string, args ...any) error {
	return &SyntaxError{Offset: at, Msg: fmt.Sprintf(format, args...)}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isSpace(c) && !isDelim(c) }

func isNumberStart(c byte) bool {
	return c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
}

// skipSpace skips white space and comments.
func (p *parser) skipSpace() {
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case isSpace(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.data) && p.data[p.pos] != '\n' && p.data[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

// word reads a run of regular characters.
func (p *parser) word() string {
	start := p.pos
	for p.pos < len(p.data) && isRegular(p.data[p.pos]) {
		p.pos++
	}
	return string(p.data[start:p.pos])
}

// value reads one operand at p.pos (not white space).
func (p *parser) value(depth int) (Value, error) {
	if depth > MaxDepth {
		return Value{}, p.errorf(p.pos, "operands nested deeper than %d", MaxDepth)
	}
	start := p.pos
	c := p.data[p.pos]
	switch {
	case c == '/':
		p.pos++
		return Value{Kind: Name, Str: decodeName(p.data[start+1 : p.scanRegular()])}, nil
	case c == '(':
		return p.literal()
	case c == '<' && p.pos+1 < len(p.data) && p.data[p.pos+1] == '<':
		p.pos += 2
		var elems []Value
		for {
			p.skipSpace()
			if p.pos >= len(p.data) {
				return Value{}, p.errorf(start, "dictionary not closed with >>")
			}
			if p.data[p.pos] == '>' && p.pos+1 < len(p.data) && p.data[p.pos+1] == '>' {
				p.pos += 2
				if len(elems)%2 != 0 {
					return Value{}, p.errorf(start, "dictionary has a key without a value")
				}
				return Value{Kind: Dict, Elems: elems}, nil
			}
			v, err := p.operand(depth + 1)
			if err != nil {
				return Value{}, err
			}
			if len(elems)%2 == 0 && v.Kind != Name {
				return Value{}, p.errorf(start, "dictionary key is not a name")
			}
			elems = append(elems, v)
		}
	case c == '<':
		return p.hex()
	case c == '[':
		p.pos++
		var elems []Value
		for {
			p.skipSpace()
			if p.pos >= len(p.data) {
				return Value{}, p.errorf(start, "array not closed with ]")
			}
			if p.data[p.pos] == ']' {
				p.pos++
				return Value{Kind: Array, Elems: elems}, nil
			}
			v, err := p.operand(depth + 1)
			if err != nil {
				return Value{}, err
			}
			elems = append(elems, v)
		}
	case isNumberStart(c):
		end := p.scanRegular()
		f, ok := parseNumber(p.data[start:end])
		if !ok {
			return Value{}, p.errorf(start, "%q is not a number", p.data[start:end])
		}
		return Value{Kind: Number, Num: f}, nil
	case c == ']':
		return Value{}, p.errorf(start, "] without [")
	case c == '>':
		return Value{}, p.errorf(start, "> without <")
	default: // ) { }
		return Value{}, p.errorf(start, "unexpected %q", c)
	}
}

// operand reads a value inside an array or dictionary, where the
// keywords true, false and null are values and other words are errors.
func (p *parser) operand(depth int) (Value, error) {
	c := p.data[p.pos]
	if isRegular(c) && !isNumberStart(c) {
		start := p.pos
		switch w := p.word(); w {
		case "true", "false":
			return Value{Kind: Bool, Num: b2f(w == "true")}, nil
		case "null":
			return Value{Kind: Null}, nil
		default:
			return Value{}, p.errorf(start, "operator %q inside an array or dictionary", w)
		}
	}
	return p.value(depth)
}

func (p *parser) scanRegular() int {
	for p.pos < len(p.data) && isRegular(p.data[p.pos]) {
		p.pos++
	}
	return p.pos
}

// parseNumber reads an integer or real as PDF writes them (no exponent).
// Out-of-range values are clamped, as viewers do.
func parseNumber(b []byte) (float64, bool) {
	s := string(b)
	if len(s) > 1 && (s[0] == '+' || s[0] == '-') && (s[1] == '+' || s[1] == '-') {
		s = s[1:] // "--1", written by some producers, is -1
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == '+' || r == '-') {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return math.Copysign(math.MaxFloat32, f), true
		}
		return 0, false
	}
	return f, true
}

func decodeName(b []byte) []byte {
	if bytes.IndexByte(b, '#') < 0 {
		return append([]byte(nil), b...)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return out
}

// literal reads a (string), with balanced parentheses and escapes.
func (p *parser) literal() (Value, error) {
	start := p.pos
	p.pos++
	depth := 1
	var out []byte
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		p.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return Value{Kind: String, Str: out}, nil
			}
		case '\r':
			// An end of line in a string is \n, whatever was written.
			if p.pos < len(p.data) && p.data[p.pos] == '\n' {
				p.pos++
			}
			c = '\n'
		case '\\':
			if p.pos >= len(p.data) {
				continue
			}
			e := p.data[p.pos]
			p.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if p.pos < len(p.data) && p.data[p.pos] == '\n' {
					p.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '7'; k++ {
						v = v*8 + int(p.data[p.pos]-'0')
						p.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return Value{}, p.errorf(start, "string not closed with )")
}

// hex reads a <hex string>.
func (p *parser) hex() (Value, error) {
	start := p.pos
	p.pos++
	var out []byte
	half := -1
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		p.pos++
		var v int
		switch {
		case c == '>':
			if half >= 0 {
				out = append(out, byte(half<<4))
			}
			return Value{Kind: String, Str: out, Hex: true}, nil
		case isSpace(c):
			continue
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'a' && c <= 'f':
			v = int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v = int(c-'A') + 10
		default:
			return Value{}, p.errorf(p.pos-1, "%q in a hex string", c)
		}
		if half < 0 {
			half = v
		} else {
			out = append(out, byte(half<<4|v))
			half = -1
		}
	}
	return Value{}, p.errorf(start, "hex string not closed with >")
}

// inlineImage reads an inline image after its BI keyword: the
// dictionary up to ID, then the data up to EI. The data's end is found
// from /L (or /Length) when given, else as the first EI that stands
// alone between white space, as viewers find it.
func (p *parser) inlineImage(start int) (Op, error) {
	op := Op{Operator: "BI", Offset: start}
	for {
		p.skipSpace()
		if p.pos >= len(p.data) {
			return Op{}, p.errorf(start, "inline image without ID")
		}
		if c := p.data[p.pos]; isRegular(c) && !isNumberStart(c) {
			at := p.pos
			w := p.word()
			if w == "ID" {
				break
			}
			switch w {
			case "true", "false":
				op.Operands = append(op.Operands, Value{Kind: Bool, Num: b2f(w == "true")})
				continue
			case "null":
				op.Operands = append(op.Operands, Value{Kind: Null})
				continue
			}
			return Op{}, p.errorf(at, "operator %q inside an inline image's dictionary", w)
		}
		v, err := p.value(1)
		if err != nil {
			return Op{}, err
		}
		if len(op.Operands)%2 == 0 && v.Kind != Name {
			return Op{}, p.errorf(start, "inline image key is not a name")
		}
		op.Operands = append(op.Operands, v)
	}
	if len(op.Operands)%2 != 0 {
		return Op{}, p.errorf(start, "inline image key without a value")
	}
	// One white-space byte separates ID from the data.
	if p.pos < len(p.data) {
		p.pos++
	}
	if n, ok := op.imageLength(); ok {
		if n > len(p.data)-p.pos {
			return Op{}, p.errorf(start, "inline image data runs past the end of the stream")
		}
		op.Data = p.data[p.pos : p.pos+n]
		p.pos += n
		p.skipSpace()
		if !bytes.HasPrefix(p.data[p.pos:], []byte("EI")) {
			return Op{}, p.errorf(start, "inline image not ended by EI")
		}
		p.pos += 2
		return op, nil
	}
	for i := p.pos; i+2 <= len(p.data); i++ {
		if p.data[i] == 'E' && p.data[i+1] == 'I' && (i == p.pos || isSpace(p.data[i-1])) &&
			(i+2 == len(p.data) || isSpace(p.data[i+2]) || isDelim(p.data[i+2])) {
			end := i
			if end > p.pos && isSpace(p.data[end-1]) {
				end--
			}
			op.Data = p.data[p.pos:end]
			p.pos = i + 2
			return op, nil
		}
	}
	return Op{}, p.errorf(start, "inline image not ended by EI")
}

// imageLength is an inline image's /L or /Length, when it gives one.
func (op Op) imageLength() (int, bool) {
	for i := 0; i+1 < len(op.Operands); i += 2 {
		k := string(op.Operands[i].Str)
		v := op.Operands[i+1]
		if (k == "L" || k == "Length") && v.Kind == Number && v.Num >= 0 && v.Num < math.MaxInt32 {
			return int(v.Num), true
		}
	}
	return 0, false
}

// Get returns the value under key in an inline image's or a Dict
// operand's alternating keys and values.
func Get(elems []Value, key string) (Value, bool) {
	for i := 0; i+1 < len(elems); i += 2 {
		if elems[i].Kind == Name && string(elems[i].Str) == key {
			return elems[i+1], true
		}
	}
	return Value{}, false
}
