package layout

import (
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/format"
	"github.com/paperhq/paper/report/metrics"
	"github.com/paperhq/paper/report/yamlx"
)

// Figures is what text, tables and charts cite from the complaint data:
// the case log's figures and the Ombudsman's letters.
type Figures = metrics.Figures

// Funcs documents the functions text fields can use, by name. Text fields
// are Go templates: {{ metric "stage1.on_time_rate" "2020/21" | percent }}.
var Funcs = map[string]string{
	"metric":    `metric NAME YEAR [SERVICE]: a figure from the data, e.g. metric "stage1.received" "2020/21" or metric "foi.on_time_rate" "2024/25"; YEAR may be "latest" (the reporting year, data.year) or "previous" (the year before it), or a quarter or half of the case log's, "2020/21 Q1" (April to June) or "2020/21 H2"; "foi.band" and "eir.band" are the ICO's words, good, adequate or unsatisfactory`,
	"percent":   `percent [DIGITS] VALUE: a fraction as a percentage, "35%" (whole, one decimal under 10%: "7.6%"; DIGITS fixes the decimals, rounded half up); "n/a" when undefined`,
	"number":    `number [DIGITS] VALUE: a count with thousands separators, "3,100"; "n/a" when undefined`,
	"change":    `change [DIGITS] NEW OLD: the signed difference, "+12" or "−5"; for rates use percentage points with pp`,
	"pp":        `pp [DIGITS] NEW OLD: the difference of two rates in percentage points, "+16 percentage points"`,
	"section":   `section ID: the number of the body section with that id, "2"`,
	"paragraph": `paragraph ID: the number of the body paragraph with that id, "2.4"`,
	"latest":    `latest: the reporting year (data.year; default the most recent financial year in the case log), "2020/21"`,
	"previous":  `previous YEAR: the financial year before YEAR, "2019/20"; the quarter or half before a quarter or half, "2019/20 Q4"`,
}

// expand executes a text field's template. Errors are recorded at the
// field's position and the unexpanded text is returned, so layout goes on.
// Validate expands every field; Layout reuses what it made.
func (p *paper) expand(t definition.Text, path string) string {
	if !strings.Contains(t.S, "{{") {
		return t.S
	}
	if s, ok := p.expanded[path]; ok && p.laying {
		return s
	}
	p.text = textAt{t: t, path: path}
	s := p.execute(t, path)
	p.expanded[path] = s
	return s
}

func (p *paper) execute(t definition.Text, path string) string {
	tmpl, err := template.New("t").Option("missingkey=error").Funcs(p.funcs()).Parse(t.S)
	if err == nil {
		var sb strings.Builder
		if err = tmpl.Execute(&sb, nil); err == nil {
			return sb.String()
		}
	}
	line, col, msg := templateError(err)
	pos := t.Pos
	if pos.Line == 0 {
		pos = p.r.Pos.At(path)
	}
	fileLine, fileCol := pos.Line, pos.Col
	if line > 0 {
		// The template's own line and column, placed in report.yaml.
		if l, c, ok := yamlx.Locate(p.r.Src, t, templateOffset(t.S, line, col, msg)); ok {
			fileLine, fileCol = l, c
		} else {
			fileLine, fileCol = pos.Line+line-1, 0
		}
	}
	p.errs.Errorf(p.r.File, fileLine, fileCol, path, "%s", msg)
	return t.S
}

// templateOffset returns the byte offset in a template of the line and
// column (0-based, in bytes) text/template gave; when it gave no column
// (-1), of the unknown function the message names on that line, else of
// the line's first action.
func templateOffset(s string, line, col int, msg string) int {
	start := 0
	for i := 1; i < line; i++ {
		j := strings.IndexByte(s[start:], '\n')
		if j < 0 {
			break
		}
		start += j + 1
	}
	text := s[start:]
	if j := strings.IndexByte(text, '\n'); j >= 0 {
		text = text[:j]
	}
	if col >= 0 {
		return start + min(col, len(text))
	}
	if m := unknownFuncRE().FindStringSubmatch(msg); m != nil {
		if j := strings.Index(text, m[1]); j >= 0 {
			return start + j
		}
	}
	if j := strings.Index(text, "{{"); j >= 0 {
		return start + j
	}
	return start
}

var (
	execRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^template: t:(\d+):(\d+): executing "t" at <[^>]*>: (?:error calling (\w+): )?(.*)$`)
	})
	parseRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^template: t:(\d+)(?::(\d+))?: (.*)$`) })
	undefRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^function "(\w+)" not defined$`) })
	// unknownFuncRE finds the name in templateError's message.
	unknownFuncRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^unknown function "(\w+)"`) })
)

// templateError extracts the line, column (0-based, in bytes; -1 when
// the error gives none) and a user's message from a text/template error.
func templateError(err error) (line, col int, msg string) {
	s := err.Error()
	if m := execRE().FindStringSubmatch(s); m != nil {
		line, _ = strconv.Atoi(m[1])
		col, _ = strconv.Atoi(m[2])
		if m[3] != "" {
			return line, col, m[3] + ": " + m[4]
		}
		return line, col, m[4]
	}
	if m := parseRE().FindStringSubmatch(s); m != nil {
		line, _ = strconv.Atoi(m[1])
		col = -1 // parse errors mostly give no column
		if m[2] != "" {
			col, _ = strconv.Atoi(m[2])
		}
		msg = m[3]
		if u := undefRE().FindStringSubmatch(msg); u != nil {
			names := make([]string, 0, len(Funcs))
			for k := range Funcs {
				names = append(names, k)
			}
			msg = fmt.Sprintf("unknown function %s", diag.Quote(u[1]))
			if s := yamlx.Suggest(u[1], names); s != "" {
				msg += "; did you mean " + s + "?"
			}
		}
		return line, col, msg
	}
	return 0, 0, s
}

func (p *paper) funcs() template.FuncMap {
	return template.FuncMap{
		"metric":    p.metric,
		"percent":   formatting(p.percent),
		"number":    formatting(format.Number),
		"change":    change,
		"pp":        pp,
		"section":   p.sectionRef,
		"paragraph": p.paragraphRef,
		"latest":    p.latest,
		"previous":  previousYear,
	}
}

// errNoData is returned by metric when the report names no data.
var errNoData = errors.New("the report has no data: add data: {complaints: ..., ombudsman: ...}")

// errNoCaseLog is returned for a quarter or half when the report has no
// case log: the Ombudsman's letter is annual.
var errNoCaseLog = errors.New("quarters and halves come from the case log: add data: {complaints: complaints.csv}")

func (p *paper) metric(name, year string, service ...string) (any, error) {
	if p.in.Figures == nil {
		return nil, errNoData
	}
	if len(service) > 1 {
		return nil, fmt.Errorf("takes a metric, a year and at most one service")
	}
	y, err := p.metricYear(name, year)
	if err != nil {
		return nil, err
	}
	svc := ""
	if len(service) == 1 {
		svc = service[0]
	}
	if _, field, ok := metrics.RequestMetric(name); ok && field == "band" {
		return p.bandWord(name, y, svc)
	}
	v, ok, err := p.in.Figures.Value(name, y, svc)
	if err != nil {
		return nil, err
	}
	if c := p.in.Figures.Complaints; svc != "" && c != nil {
		if s, err := c.Service(svc); err == nil {
			svc = s // as the grids name it: "housing" is Housing
		}
	}
	if err := p.withheld(name, y, svc); err != nil {
		return nil, err
	}
	if err := p.partWithheld(name, y, svc); err != nil {
		return nil, err
	}
	if !ok {
		p.naWarning(name, y, svc)
		return nil, nil
	}
	return v, nil
}

// latest is the reporting year (see yearLabel).
func (p *paper) latest() (string, error) {
	y, _, err := p.yearLabel("latest")
	return y, err
}

// sectionRef and paragraphRef give the number cited as a Markdown link
// to its anchor ("[2.4](#para-2-4)"), which the tree carries as
// Inline.Ref: a web page links it, printed pages print the number.
func (p *paper) sectionRef(id string) (string, error) {
	if n, ok := p.sectionNum[id]; ok {
		return "[" + n + "](#" + id + ")", nil
	}
	return "", fmt.Errorf("no section with id %s%s", diag.Quote(id), didYouMean(id, p.sectionNum))
}

func (p *paper) paragraphRef(id string) (string, error) {
	if n, ok := p.paraNum[id]; ok {
		return "[" + n + "](#" + ParagraphID(n) + ")", nil
	}
	return "", fmt.Errorf("no paragraph with id %s%s", diag.Quote(id), didYouMean(id, p.paraNum))
}

func didYouMean(id string, m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	if s := yamlx.Suggest(id, keys); s != "" {
		return "; did you mean " + s + "?"
	}
	return ""
}

// previousYear returns the financial year before y: "2020/21" ->
// "2019/20"; or the quarter or half before: "2020/21 Q1" -> "2019/20 Q4".
func previousYear(y string) (string, error) {
	if per, ok := metrics.ParsePeriod(y); ok && per.Kind != 'Y' {
		per.N--
		if per.N == 0 {
			per.Start--
			per.N = 4
			if per.Kind == 'H' {
				per.N = 2
			}
		}
		return per.String(), nil
	}
	start, ok := financialYear(y)
	if !ok {
		return "", fmt.Errorf("%s is not a financial year like 2020/21", diag.Quote(y))
	}
	return FinancialYear(start - 1), nil
}

// FinancialYear labels the year starting 1 April of start: "2020/21".
func FinancialYear(start int) string {
	return fmt.Sprintf("%d/%02d", start, (start+1)%100)
}

// value unpacks a template argument: a number as its exact value (see
// format.Exact), or nil for undefined.
func value(v any) (*big.Rat, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case float64:
		return format.Exact(v), nil
	case int:
		return big.NewRat(int64(v), 1), nil
	case string:
		r, ok := new(big.Rat).SetString(strings.TrimSpace(v))
		if !ok {
			return nil, fmt.Errorf("%s is not a number", diag.Quote(v))
		}
		return r, nil
	}
	return nil, fmt.Errorf("%v is not a number", v)
}

// digitsAndValue splits the optional leading DIGITS argument.
func digitsAndValue(args []any) (digits int, v any, err error) {
	switch len(args) {
	case 1:
		return format.Default, args[0], nil
	case 2:
		d, ok := args[0].(int)
		if !ok || d < 0 || d > 6 {
			return 0, nil, fmt.Errorf("digits must be a whole number from 0 to 6, found %v", args[0])
		}
		return d, args[1], nil
	}
	return 0, nil, fmt.Errorf("takes [DIGITS] VALUE")
}

// percent writes a rate at digits decimal places, or at the paper's
// precision when the text gives none (digits Default).
func (p *paper) percent(v *big.Rat, digits int) string {
	if digits == format.Default {
		digits = p.precision().Digits()
	}
	return format.Percent(v, digits)
}

// NA is printed where a figure is undefined.
const NA = format.NA

// formatting makes a template function, `[DIGITS] VALUE`, that formats
// VALUE with write, or prints NA when it is undefined.
func formatting(write func(v *big.Rat, digits int) string) func(args ...any) (string, error) {
	return func(args ...any) (string, error) {
		digits, raw, err := digitsAndValue(args)
		if err != nil {
			return "", err
		}
		v, err := value(raw)
		if err != nil || v == nil {
			return NA, err
		}
		return write(v, digits), nil
	}
}

func twoValues(args []any) (digits int, a, b *big.Rat, err error) {
	digits = format.Default
	if len(args) == 3 {
		d, isInt := args[0].(int)
		if !isInt || d < 0 || d > 6 {
			return 0, nil, nil, fmt.Errorf("digits must be a whole number from 0 to 6, found %v", args[0])
		}
		digits, args = d, args[1:]
	}
	if len(args) != 2 {
		return 0, nil, nil, fmt.Errorf("takes [DIGITS] NEW OLD")
	}
	if a, err = value(args[0]); err != nil {
		return 0, nil, nil, err
	}
	if b, err = value(args[1]); err != nil {
		return 0, nil, nil, err
	}
	return digits, a, b, nil
}

func change(args ...any) (string, error) {
	digits, a, b, err := twoValues(args)
	if err != nil || a == nil || b == nil {
		return NA, err
	}
	return format.Signed(new(big.Rat).Sub(a, b), func(v *big.Rat) string { return format.Number(v, digits) }), nil
}

func pp(args ...any) (string, error) {
	digits, a, b, err := twoValues(args)
	if err != nil || a == nil || b == nil {
		return NA, err
	}
	if digits < 0 {
		digits = 0
	}
	d := new(big.Rat).Sub(a, b)
	d.Mul(d, big.NewRat(100, 1))
	return format.Signed(d, func(v *big.Rat) string { return format.Number(v, digits) }) + " percentage points", nil
}

// bandWord is metric's value for an FOI or EIR request's ICO band: the
// word itself, or NA (with its warning) when no request was closed.
func (p *paper) bandWord(name, year, service string) (any, error) {
	w, ok, err := p.in.Figures.Text(name, year, service)
	if err != nil {
		return nil, err
	}
	if !ok {
		p.naWarning(name, year, service)
		return NA, nil
	}
	return w, nil
}
