package caselog

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/paperhq/paper/bench/synth"
	"github.com/paperhq/paper/report/diag"
)

// collect is a Sink keeping every row, by worker.
type collect struct {
	mu   sync.Mutex
	rows [][]Row
}

func (c *collect) Start(n int) { c.rows = make([][]Row, n) }

func (c *collect) Rows(w int, rows []Row) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rows[w] = append(c.rows[w], rows...)
}

// streamAgrees writes data to a file named name and reads it with
// ReadFile (rows stored) and with Stream in blocks of block bytes with
// workers workers, failing unless both give the same rows (in file
// order, services mapped to the log's), services, categories, folds,
// warnings and problems. It returns ReadFile's results.
func streamAgrees(t testing.TB, name string, data []byte, opt Options, block, workers int) (*Log, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	opt.Name = name
	stored, serr := ReadFile(path, opt)
	// ReadFile maps the file; what it finds is what reading the bytes
	// finds.
	inMemory, merr := ReadCSV(name, data, opt)
	if got, want := diagText(serr), diagText(merr); got != want {
		t.Fatalf("%s: ReadFile's problems differ from ReadCSV's\nReadFile: %s\nReadCSV: %s\ninput: %q", name, got, want, data)
	}
	if serr == nil && !reflect.DeepEqual(stored, inMemory) {
		t.Fatalf("%s: ReadFile's log differs from ReadCSV's\nReadFile: %+v\nReadCSV: %+v\ninput: %q", name, stored, inMemory, data)
	}

	oldBlock, oldBatch := blockSize, batchRows
	blockSize, batchRows = block, 3
	defer func() { blockSize, batchRows = oldBlock, oldBatch }()
	opt.Workers = workers
	for _, mapped := range []bool{true, false} {
		streamSame(t, name, path, data, opt, block, mapped, stored, serr)
	}
	return stored, serr
}

// streamSame is streamAgrees's test of one reading, the file mapped or
// read by read(2).
func streamSame(t testing.TB, name, path string, data []byte, opt Options, block int, mapped bool, stored *Log, serr error) {
	t.Helper()
	defer func(old bool) { mapFiles = old }(mapFiles)
	mapFiles = mapped
	c := &collect{}
	log, services, err := Stream(path, opt, c)
	if got, want := diagText(err), diagText(serr); got != want {
		t.Fatalf("%s in blocks of %d (mapped: %v): Stream's problems differ from ReadFile's\nstream: %s\nstored: %s\ninput: %q", name, block, mapped, got, want, data)
	}
	if serr != nil {
		return
	}
	var rows []Row
	for w, rs := range c.rows {
		for _, r := range rs {
			r.Service = services[w][r.Service]
			r.Category = 0 // a worker's own numbering
			rows = append(rows, r)
		}
	}
	slices.SortStableFunc(rows, func(a, b Row) int { return int(a.Line - b.Line) })
	want := make([]Row, len(stored.Rows))
	for i, r := range stored.Rows {
		r.Category = 0
		want[i] = r
	}
	if len(want) == 0 {
		want = nil
	}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("%s in blocks of %d (mapped: %v): rows differ\nstream: %+v\nstored: %+v\ninput: %q", name, block, mapped, rows, want, data)
	}
	storedRows := stored.Rows
	stored.Rows, log.Rows = nil, nil
	defer func() { stored.Rows = storedRows }()
	if !reflect.DeepEqual(log, stored) {
		t.Fatalf("%s in blocks of %d (mapped: %v): logs differ\nstream: %+v\nstored: %+v\ninput: %q", name, block, mapped, log, stored, data)
	}
}

// diagText is an error as the command prints it, one problem a line.
func diagText(err error) string {
	if err == nil {
		return ""
	}
	var b strings.Builder
	for _, d := range diag.As(err) {
		fmt.Fprintf(&b, "%s|%d|%d|%s|%s|%v\n", d.File, d.Line, d.Col, d.Field, d.Msg, d.Severity)
	}
	return b.String()
}

// caseLogFiles lists the text case logs in the repository's fixtures,
// examples, templates and test data.
func caseLogFiles(t testing.TB) []string {
	var files []string
	for _, dir := range []string{"../../fixtures", "../../examples", "../../templates", "../../cmd/paper/testdata", "../../report"} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && IsText(path) && !strings.Contains(path, "/fuzz/") {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) < 10 {
		t.Fatalf("found only %d case logs: %v", len(files), files)
	}
	return files
}

// TestStreamMatchesStored reads every text case log of the repository,
// the fuzz seeds and generated logs both ways, in blocks small enough to
// cut them in many places and with several workers.
func TestStreamMatchesStored(t *testing.T) {
	type input struct {
		name string
		data []byte
	}
	var inputs []input
	for _, f := range caseLogFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{filepath.Base(f), data})
	}
	for i, s := range streamSeeds {
		inputs = append(inputs, input{fmt.Sprintf("seed%d.csv", i), []byte(s)})
	}
	var gen bytes.Buffer
	if err := synth.Write(&gen, 3000, 7); err != nil {
		t.Fatal(err)
	}
	inputs = append(inputs, input{"generated.csv", gen.Bytes()})
	// The same with a Windows-1252 byte late in the file, so that the
	// reading starts over as Windows-1252.
	inputs = append(inputs, input{"generated-1252.csv", append(bytes.Clone(gen.Bytes()), []byte("C9,1,Caf\xe9,2021-02-28\n")...)})
	// And with a bare quote late in the file, for encoding/csv.
	inputs = append(inputs, input{"generated-quote.csv", append(bytes.Clone(gen.Bytes()), []byte("C9,1,5\" screen,2021-02-28\n")...)})
	opts := []Options{{}, {MaxErrors: 2}, {DeadlinesFromAcknowledged: true, Services: map[string]string{"Env & Streets": "Environment"}}, {Encoding: Windows1252}, {Encoding: UTF8}}
	for _, in := range inputs {
		for _, opt := range opts {
			for _, block := range []int{7, 200, 4 << 20} {
				for _, workers := range []int{1, 3} {
					streamAgrees(t, in.name, in.data, opt, block, workers)
				}
			}
		}
	}
}

// streamSeeds are inputs at the edges of cutting a file into blocks.
var streamSeeds = []string{
	"Reference,Stage,Service,Received,Responded,Due,Outcome\nC1,1,Housing,2021-02-28,2021-03-01,,Upheld\n",
	"\uFEFFReference,Stage,Service,Received\r\nC1,Stage 2,\"A, B\",28/02/2021\r\n\r\nC2,LGSCO,\"x\r\ny\",1/3/2021\r\n",
	"Reference,Stage,Service,Received\nC1,1,\"a\"\"b\",2021-02-28\nC2,2,b,2021-02-29\n",
	"Reference,Stage,Service,Received\nC1,1,5\" screen,2021-02-28\n",
	"Reference,Stage,Service,Received\nC1,1,\"open,2021-02-28\n",
	"Reference,Stage,Service,Received\r",
	"Reference,Stage,Service,Received\nC1,1,S,2021-02-28\r",
	"\n\n\nReference,Stage,Service,Received\n\n\nC1,1,S,2021-02-28\n\n",
	"sep=;\r\nReference;Stage;Service;Received\r\nC1;1;\"multi\nline;\";2021-02-28\r\n",
	"Reference,Stage,Service,Received,Outcome,Responded\nC1,1,Housing,2021-02-28,,2021-03-01\nC2,1,HOUSING ,2021-03-28,Refused,\nC3,1,housing.,2021-04-28,,2021-05-01\n",
	"Reference,Stage,Service,Received\nC1,1,Caf\xe9,2021-02-28\n",
	"Reference,Stage,Service,Received\nC1,x,S,2021-02-28\nC2,y,S,2021-02-28\nC3,1,,bad\nC4,1,S,31/02/2021\n",
	"Ref,Stage,Service\n",
	"",
	"\uFEFF",
	"Reference,Type,Stage,Service,Received,Responded,Due,Outcome\nF1,FOI,,Legal,2024-01-31,2024-02-29,,Refused\nS1,SAR,,Legal,2024-01-31,,2024-01-30,\nC1,,1,Housing,2024-02-01,,,\n",
	"Reference,Stage,Service,Received,Acknowledged,Category\nC1,1,Housing,2024-04-02,2024-04-03,Repairs\nC2,1,Housing,2024-04-02,,repairs\nC3,2,Parks,2024-04-02,,Trees\n",
}

// FuzzStreamMatchesStored checks that Stream, in blocks of a size the
// fuzzer picks and with 1 to 3 workers, agrees with ReadFile on every
// input and encoding.
func FuzzStreamMatchesStored(f *testing.F) {
	for _, s := range streamSeeds {
		f.Add([]byte(s), uint8(0), uint16(7))
	}
	f.Add([]byte("Reference,Stage,Service,Received\nC1,1,\"a\nb\",2021-02-28\nC2,1,S,2021-02-28\n"), uint8(5), uint16(30))
	f.Fuzz(func(t *testing.T, data []byte, mode uint8, block uint16) {
		opt := Options{}
		if e := int(mode) % 4; e < len(Encodings) {
			opt.Encoding = Encodings[e]
		}
		if mode&4 != 0 {
			opt.MaxErrors = 1
		}
		name := "complaints.csv"
		if mode&8 != 0 {
			name = "complaints.tsv"
		}
		streamAgrees(t, name, data, opt, int(block)%512+1, int(mode>>4)%3+1)
	})
}

// TestStreamHostile: inputs that must end with a clear problem, in
// bounded memory: a row longer than MaxRecordSize (one line with no
// newline, a quote never closed), a device and a FIFO, which are not
// regular files, and more different services than are counted.
func TestStreamHostile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	long := write("one-line.csv", bytes.Repeat([]byte("x,"), MaxRecordSize/2+10))
	unclosed := write("unclosed.csv", append([]byte("Reference,Stage,Service,Received\nC1,1,\"open,2021-02-28\n"), bytes.Repeat([]byte("C2,1,S,2021-02-28\n"), MaxRecordSize/16)...))
	services := []byte("Reference,Stage,Service,Received\n")
	for i := range MaxStreamServices + 1 {
		services = fmt.Appendf(services, "C%d,1,S%d,2021-02-28\n", i, i)
	}
	many := write("services.csv", services)
	zero := filepath.Join(dir, "zero.csv")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path, want string
	}{
		{long, "one-line.csv:1: a row longer than 8 MB starts on this line"},
		{unclosed, "unclosed.csv:2: a row longer than 8 MB starts on this line: rows of a case log are short, so a quoted value is probably not closed"},
		{many, fmt.Sprintf("services.csv:1: Service: more than %d different services, more than the %d a case log may have", MaxStreamServices, MaxServices)},
		{zero, "zero.csv: cannot read the case log: is not a regular file"},
		{fifo, "fifo.csv: cannot read the case log: is not a regular file"},
		{filepath.Join(dir, "missing.csv"), "missing.csv: cannot read the case log: no such file"},
	} {
		_, _, err := Stream(c.path, Options{Name: filepath.Base(c.path)}, &collect{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.path, err, c.want)
		}
	}
}

// TestStreamFileCutShort: a file cut short once it is mapped (still
// being written, or replaced in place) ends with a reading error, not a
// crash.
func TestStreamFileCutShort(t *testing.T) {
	var b bytes.Buffer
	if err := synth.Write(&b, 20000, 1); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "complaints.csv")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	defer func(old int) { blockSize, afterMap = old, nil }(blockSize)
	blockSize = 64 << 10
	afterMap = func() {
		if err := os.Truncate(path, 100<<10); err != nil {
			t.Fatal(err)
		}
	}
	_, _, err := Stream(path, Options{Name: "complaints.csv"}, &collect{})
	want := "complaints.csv: cannot read the case log: the file was cut short while it was read (is it still being written?); read it again when it is complete"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

// TestCategorySpellingByLine: a category's spelling is its first row's,
// whichever worker read it, as the workers of a streamed log take its
// blocks in no set order.
func TestCategorySpellingByLine(t *testing.T) {
	lay := &layout{}
	later, earlier := newParser(lay, "c.csv", 10), newParser(lay, "c.csv", 10)
	later.category([]byte("repairs"), 3)
	later.category([]byte("Trees"), 4)
	earlier.category([]byte("Repairs"), 2)
	log := &Log{}
	categoryTable(log, []*parser{later, earlier})
	if want := []string{"Repairs", "Trees"}; !reflect.DeepEqual(log.Categories, want) {
		t.Errorf("Categories = %q, want %q", log.Categories, want)
	}
}
