package data

import (
	"io"
	"os"
	"syscall"
)

// mapFrom is the file size from which MapSource maps a file: below it,
// reading costs next to nothing.
const mapFrom = 4 << 20

// MapSource is ReadSource for a command that reads one file and exits
// (report --format json): a plain file of some size is mapped into memory
// instead of read into it, which spares copying it and faulting in fresh
// pages for the copy (a tenth of a big meeting's report). The mapping is
// never released. Two things follow. If another program shortens the file
// meanwhile, reading past its new end faults: read the bytes only inside
// Guard, and on goroutines this package starts (see parallel.go). If it
// rewrites the file in place, the bytes change under the reader: what is
// printed must be checked after it is copied, as appendJSONString does.
func MapSource(path string, stdin io.Reader) ([]byte, error) {
	if path == "-" {
		return ReadSource(path, stdin)
	}
	f, err := os.Open(path)
	if err != nil {
		return ReadSource(path, stdin) // its error says it best
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() < mapFrom || int64(int(st.Size())) != st.Size() {
		return ReadSource(path, stdin)
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE|syscall.MAP_POPULATE)
	if err != nil {
		return ReadSource(path, stdin) // a file system that cannot map
	}
	out, err := decode(path, b)
	if err != nil || len(out) == 0 || &out[len(out)-1] != &b[len(b)-1] {
		syscall.Munmap(b) // gzip or UTF-16 (decoded into a copy), or nothing to read
	}
	return out, err
}
