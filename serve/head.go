package serve

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/callscope/callscope/jsonscan"
)

// head is what the catalog reads of a file not named in the archive's
// layout (an export such as demo.json): the record's own id, version and
// start, so that `ssh host CALLID` finds it and the picker shows them.
type head struct {
	stamp   string // the file's size and time when read
	id      string // "" when the file holds no single call record the scan found
	version int64  // -1: none
	start   time.Time
}

// headBytes is how much of a file (once decompressed) is scanned for the
// record's top-level members: Graph, PowerShell and callscope all write
// id, version and startDateTime before the sessions, within the first
// kilobyte or two. wholeBytes: a file whose id comes later (sessions
// first) is read whole only up to this size, so that a folder of big
// exports costs a few reads of 64 KiB, not gigabytes.
var (
	headBytes  = 64 << 10
	wholeBytes = int64(8 << 20)
)

// headReads counts readHead's calls, for the test that a file is read once.
var headReads atomic.Int64

// readHead scans a file for the top-level id, version and startDateTime of
// the call record it holds. A file that is no single record, unreadable or
// not JSON gives a head without id; nothing here fails.
func readHead(path string, size int64) head {
	headReads.Add(1)
	h := head{version: -1}
	f, err := os.Open(path)
	if err != nil {
		return h
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 4096)
	var r io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return h
		}
		defer zr.Close()
		r = zr
	}
	buf := make([]byte, headBytes)
	n, err := io.ReadFull(r, buf)
	whole := err != nil // the file ended within the prefix
	if h, found := scanHead(buf[:n], whole); found || whole || size > wholeBytes {
		return h
	}
	b, err := readRecordFile(path, "", wholeBytes)
	if err != nil {
		return h
	}
	h, _ = scanHead(b, true)
	return h
}

// scanHead reads the top-level members of b (a prefix of the file unless
// whole). found says the scan saw the id, so a longer read would add
// nothing about it.
func scanHead(b []byte, whole bool) (h head, found bool) {
	h.version = -1
	if !whole {
		b = b[:len(b)&^1] // UTF-16 cut at a whole unit
	}
	b, err := decodeText(b)
	if err != nil || len(b) == 0 {
		return h, false
	}
	root := jsonscan.Root(string(skipComments(b)))
	if !root.IsObject() {
		return h, true // an array: no single record's id, however far it is read
	}
	if v := root.Member("value"); v.IsObject() {
		root = v // a record alone in {"value": {…}}, as the loader reads it
	}
	var id string
	root.Fields(func(k string, m jsonscan.Value) bool {
		switch k {
		case "id":
			if m.Kind() == jsonscan.String {
				id = m.Str()
			}
		case "version":
			if m.Kind() == jsonscan.Number && m.Num() >= 0 && m.Num() < 1<<53 {
				h.version = int64(m.Num())
			}
		case "startdatetime":
			if t, err := time.Parse(time.RFC3339Nano, m.Str()); err == nil {
				h.start = t.UTC()
			}
		}
		return id == "" || h.version < 0 || h.start.IsZero()
	})
	if id == "" {
		return h, whole
	}
	if ok, err := checkRecordID(id); err == nil && ok == id {
		h.id = id
	}
	return h, true
}

// skipComments passes over white space and the `//` comment lines people
// put before an export's JSON, as the loader does.
func skipComments(b []byte) []byte {
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		if !bytes.HasPrefix(b, []byte("//")) {
			return b
		}
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return nil
		}
		b = b[i+1:]
	}
}
