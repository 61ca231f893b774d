package data

import (
	"io"
	"os"
	"syscall"
)

// mapFrom is the file size from which MapSource maps a file: below it,
// reading costs next to nothing.
const mapFrom = 4 << 20

// Map is ReadSource for a command that reads one file and exits
// (report --format json): a plain file of some size is mapped into memory
// instead of read into it, which spares copying it and faulting in fresh
// pages for the copy (a tenth of a big meeting's report). The mapping is
// never released. Two things follow. If another program shortens the file
// meanwhile, reading past its new end faults: read the bytes only inside
// Guard, and on goroutines this package starts (see parallel.go). If it
// rewrites the file in place, the bytes change under the reader: what is
// printed must be checked after it is copied, as appendJSONString does.
// Gzip and UTF-16 are read as ReadSource reads them, within the limits.
// mapped tells which it did.
func (lim Limits) Map(path string, stdin io.Reader) (b []byte, mapped bool, err error) {
	read := func() ([]byte, bool, error) {
		b, err := lim.ReadSource(path, stdin)
		return b, false, err
	}
	if path == "-" {
		return read()
	}
	f, err := os.Open(path)
	if err != nil {
		return read() // its error says it best
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() < mapFrom || int64(int(st.Size())) != st.Size() || st.Size() > lim.maxSize() {
		return read()
	}
	var head [4]byte
	n, _ := f.ReadAt(head[:], 0)
	enc := encodingOf(head[:n])
	if enc != encPlain && enc != encUTF8BOM {
		return read() // decoded into memory
	}
	region, err := syscall.Mmap(int(f.Fd()), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE|syscall.MAP_POPULATE)
	if err != nil {
		return read() // a file system that cannot map
	}
	b = region
	if enc == encUTF8BOM {
		b = b[3:]
	}
	// Bytes that cannot start a call record are refused before anything
	// else reads them.
	var scan startScan
	if err := scan.feed(path, b[:min(len(b), 64<<10)]); err != nil {
		syscall.Munmap(region)
		return nil, false, err
	}
	return b, true, nil
}
