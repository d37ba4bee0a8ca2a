package pdfcontent

import (
	"strconv"
)

// Append writes ops as a content stream, one operator to a line, and
// returns the extended buffer. What Parse reads from the result is ops
// again (numbers as float64 round trip exactly).
func Append(dst []byte, ops []Op) []byte {
	for _, op := range ops {
		if op.Operator == "BI" {
			dst = append(dst, "BI"...)
			for _, v := range op.Operands {
				dst = append(dst, ' ')
				dst = AppendValue(dst, v)
			}
			dst = append(dst, " ID "...)
			dst = append(dst, op.Data...)
			dst = append(dst, "\nEI\n"...)
			continue
		}
		for _, v := range op.Operands {
			dst = AppendValue(dst, v)
			dst = append(dst, ' ')
		}
		dst = append(dst, op.Operator...)
		dst = append(dst, '\n')
	}
	return dst
}

// AppendValue writes one operand.
func AppendValue(dst []byte, v Value) []byte {
	switch v.Kind {
	case Number:
		return strconv.AppendFloat(dst, v.Num, 'f', -1, 64)
	case Name:
		dst = append(dst, '/')
		for _, c := range v.Str {
			if c < '!' || c > '~' || c == '#' || isDelim(c) {
				dst = append(dst, '#', hexDigit[c>>4], hexDigit[c&15])
				continue
			}
			dst = append(dst, c)
		}
		return dst
	case String:
		if v.Hex {
			dst = append(dst, '<')
			for _, c := range v.Str {
				dst = append(dst, hexDigit[c>>4], hexDigit[c&15])
			}
			return append(dst, '>')
		}
		dst = append(dst, '(')
		for _, c := range v.Str {
			switch {
			case c == '(' || c == ')' || c == '\\':
				dst = append(dst, '\\', c)
			case c < ' ' || c > '~':
				dst = append(dst, '\\', '0'+c>>6, '0'+(c>>3)&7, '0'+c&7)
			default:
				dst = append(dst, c)
			}
		}
		return append(dst, ')')
	case Array:
		dst = append(dst, '[')
		for i, e := range v.Elems {
			if i > 0 {
				dst = append(dst, ' ')
			}
			dst = AppendValue(dst, e)
		}
		return append(dst, ']')
	case Dict:
		dst = append(dst, "<<"...)
		for i, e := range v.Elems {
			if i > 0 {
				dst = append(dst, ' ')
			}
			dst = AppendValue(dst, e)
		}
		return append(dst, ">>"...)
	case Bool:
		if v.Num != 0 {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	default:
		return append(dst, "null"...)
	}
}

const hexDigit = "0123456789ABCDEF"

// NameValue is a Name operand.
func NameValue(s string) Value { return Value{Kind: Name, Str: []byte(s)} }

// NumberValue is a Number operand.
func NumberValue(f float64) Value { return Value{Kind: Number, Num: f} }

// StringValue is a literal String operand.
func StringValue(s []byte) Value { return Value{Kind: String, Str: s} }

// NameOperand returns operand i of op as a name, when it is one; a
// negative i counts from the end (-1 is the last operand).
func (op Op) NameOperand(i int) (string, bool) {
	if i < 0 {
		i += len(op.Operands)
	}
	if i < 0 || i >= len(op.Operands) || op.Operands[i].Kind != Name {
		return "", false
	}
	return string(op.Operands[i].Str), true
}
