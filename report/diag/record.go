package diag

import "sync"

// recorders are the functions Record installed, by a key each.
var recorders struct {
	sync.Mutex
	next int
	fns  map[int]func(path string)
}

// Record calls seen with the path of every input file that Stat, Open
// and ReadFile are asked for, from every goroutine, until stop is called.
// A path is passed as it was asked for, before it is checked, so a file
// that is missing or refused is seen too.
//
// Every input of paper (a definition, its data, its appendices, a style
// and its files) is read through this package, so a caller that records
// a build learns every file the build depends on: paper preview watches
// them for changes. seen must not block; it may be called concurrently.
func Record(seen func(path string)) (stop func()) {
	recorders.Lock()
	defer recorders.Unlock()
	if recorders.fns == nil {
		recorders.fns = map[int]func(string){}
	}
	key := recorders.next
	recorders.next++
	recorders.fns[key] = seen
	return func() {
		recorders.Lock()
		delete(recorders.fns, key)
		recorders.Unlock()
	}
}

// note passes path to every recorder.
func note(path string) {
	recorders.Lock()
	defer recorders.Unlock()
	for _, fn := range recorders.fns {
		fn(path)
	}
}
