package load

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"github.com/callscope/callscope/data"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Reading a source is bounded. The bytes are decompressed, stripped of a
// byte-order mark and turned from UTF-16 into UTF-8 as they stream in, and
// reading stops at once when they cannot start a call record (/dev/zero, a
// zip file, an HTML page), when they pass the size limit, or when gzip data
// expands far beyond what JSON call records compress to (a gzip bomb).

// Limits bound what reading and loading one source may take. The zero
// value holds the defaults; the command line's --max-size and --max-memory
// set them.
type Limits struct {
	// MaxSize is the most bytes a source may hold once decompressed
	// (DefaultMaxSize when 0). Given, it also lifts the gzip ratio check:
	// the user has said how big the file may grow.
	MaxSize int64
	// MaxMemory is the most the loaded model of a source may take; when 0,
	// twice the source's size plus 32 MiB (a call record's model takes
	// about 0.7 times its size).
	MaxMemory int64
	// NoFindings leaves Record.Findings nil, for a caller that has no use
	// for them (export's streams, sessions and participants tables): on a
	// big meeting they are a tenth of the load's time and a fifth of the
	// model.
	NoFindings bool
}

const (
	// DefaultMaxSize is the largest source read unless --max-size says more.
	DefaultMaxSize = 4 << 30
	// maxRatio is how far gzip data may expand. Call records gzip to 17×
	// (the generated 100 MB record, gzip -9) to 25× (the same
	// pretty-printed as Windows PowerShell writes it, UTF-8 or UTF-16); a
	// gzip bomb of zeros or spaces expands about 1,000×.
	maxRatio = 100
	// ratioFloor is the output below which the ratio is not looked at: a
	// small file may compress far better than a big one.
	ratioFloor = 16 << 20
	// memoryFloor is what any source's model may take, however small it is.
	memoryFloor = 32 << 20
)

func (lim Limits) maxSize() int64 {
	if lim.MaxSize > 0 {
		return lim.MaxSize
	}
	return DefaultMaxSize
}

// Memory is what the model of a source of size bytes may take.
func (lim Limits) Memory(size int) int64 {
	if lim.MaxMemory > 0 {
		return lim.MaxMemory
	}
	return 2*int64(size) + memoryFloor
}

// HeapLimit is what the Go heap of a command that loads a source of size
// bytes should be kept to (runtime/debug.SetMemoryLimit), so that the
// process stays within four times the source's size plus 100 MiB: the
// source itself, the model's limit, and as much again as the source for
// the collector's slack and what comes after the load. Without it the
// collector may let the heap grow to twice (five times, for report) what
// is live.
func (lim Limits) HeapLimit(size int) int64 {
	return lim.Memory(size) + 2*int64(size) + 24<<20
}

// LimitError is a read or a load stopped at one of the limits.
type LimitError struct {
	Name string
	Flag string // the flag that raises the limit: --max-size or --max-memory
	Msg  string // what was hit, and how to raise it
}

func (e *LimitError) Error() string { return e.Name + ": " + e.Msg }

// ReadSource reads a path, or standard input for "-", within the default
// limits.
func ReadSource(path string, stdin io.Reader) ([]byte, error) {
	return Limits{}.ReadSource(path, stdin)
}

// Source reads and loads a path or "-" within the default limits.
func Source(path string, stdin io.Reader) (*data.File, error) {
	return Limits{}.Source(path, stdin)
}

// Source reads and loads a path or "-".
func (lim Limits) Source(path string, stdin io.Reader) (*data.File, error) {
	b, err := lim.ReadSource(path, stdin)
	if err != nil {
		return nil, err
	}
	return lim.Load(path, b)
}

// ReadSource reads a path, or standard input for "-", and decompresses
// gzip recognised by its magic bytes whatever the file is called.
func (lim Limits) ReadSource(path string, stdin io.Reader) ([]byte, error) {
	return lim.ReadSourceInto(path, stdin, nil)
}

// ReadSourceInto is ReadSource reading into buf's array when it is big
// enough, so that a command that reads many files in turn reuses one
// buffer: a fresh one of 100 MB costs more in zeroed pages than reading
// the file. Nothing may use buf's bytes any more.
func (lim Limits) ReadSourceInto(path string, stdin io.Reader, buf []byte) ([]byte, error) {
	if path == "-" {
		return lim.read("-", stdin, -1, buf)
	}
	f, err := os.Open(path)
	if err != nil {
		switch {
		case errors.Is(err, os.ErrNotExist):
			return nil, fmt.Errorf("%s: no such file", path)
		case errors.Is(err, os.ErrPermission):
			return nil, fmt.Errorf("%s: permission denied: callscope runs as you, and you may not read it", path)
		}
		return nil, err
	}
	defer f.Close()
	size := int64(-1)
	st, err := f.Stat()
	switch {
	case err == nil && st.IsDir():
		return nil, fmt.Errorf("%s is a folder: give one call record's JSON file (callscope export reads folders)", path)
	case err == nil && st.Mode().IsRegular():
		size = st.Size()
	}
	return lim.read(path, f, size, buf)
}

// Decode turns bytes already in memory into UTF-8 JSON text as
// ReadSource does (gzip, a byte-order mark, UTF-16); plain UTF-8 is not
// copied.
func Decode(name string, b []byte) ([]byte, error) {
	switch encodingOf(b) {
	case encPlain:
		return b, nil
	case encUTF8BOM:
		return b[3:], nil
	}
	return Limits{}.read(name, bytes.NewReader(b), -1, nil)
}

type encoding uint8

const (
	encPlain encoding = iota
	encGzip
	encUTF8BOM
	encUTF16LE // with its byte-order mark
	encUTF16BE
	encUTF16LEBare // without one: told by a zero byte beside an opening bracket or white space
	encUTF16BEBare
)

// encodingOf tells how the first bytes of a source are encoded.
func encodingOf(b []byte) encoding {
	switch {
	case len(b) < 2:
		return encPlain
	case b[0] == 0x1f && b[1] == 0x8b:
		return encGzip
	case len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf:
		return encUTF8BOM
	case b[0] == 0xff && b[1] == 0xfe:
		return encUTF16LE
	case b[0] == 0xfe && b[1] == 0xff:
		return encUTF16BE
	case b[1] == 0 && opensJSON(b[0]):
		return encUTF16LEBare
	case b[0] == 0 && opensJSON(b[1]):
		return encUTF16BEBare
	}
	return encPlain
}

func opensJSON(c byte) bool {
	switch c {
	case '{', '[', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}

// read reads r to its end within lim; size is r's size when known (a
// plain file), else -1. into, if big enough, takes the bytes.
func (lim Limits) read(name string, r io.Reader, size int64, into []byte) ([]byte, error) {
	if size > lim.maxSize() {
		return nil, lim.sizeError(name, size)
	}
	in := &counter{r: r}
	raw := bufio.NewReaderSize(in, 64<<10)
	head, _ := raw.Peek(2)
	var dec *bufio.Reader = raw
	gz := encodingOf(head) == encGzip
	if gz {
		zr, err := gzip.NewReader(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: bad gzip data: %v", name, err)
		}
		dec = bufio.NewReaderSize(zr, 64<<10)
		size = -1
	}
	head, _ = dec.Peek(4)
	var body io.Reader = dec
	switch encodingOf(head) {
	case encUTF8BOM:
		dec.Discard(3)
		if size >= 0 {
			size -= 3
		}
	case encUTF16LE, encUTF16BE:
		// Windows PowerShell 5.1's Out-File and > write UTF-16 LE.
		dec.Discard(2)
		body, size = &utf16Reader{r: dec, big: head[0] == 0xfe}, -1
	case encUTF16LEBare, encUTF16BEBare:
		body, size = &utf16Reader{r: dec, big: head[0] == 0}, -1
	}
	b, err := lim.collect(name, body, size, into, func(out int64) error {
		if gz && lim.MaxSize == 0 && out > maxRatio*in.n+ratioFloor {
			return lim.ratioError(name, out, in.n)
		}
		return nil
	})
	if err != nil && gz && !isOurs(err) {
		return nil, fmt.Errorf("%s: gzip data is damaged or cut short (%v); copy the file again", name, err)
	}
	return b, err
}

// isOurs tells the errors collect makes from those of the reader.
func isOurs(err error) bool {
	var le *LimitError
	var se *SyntaxError
	var ne *NotCallRecordError
	return errors.As(err, &le) || errors.As(err, &se) || errors.As(err, &ne)
}

// collect reads r to its end, checking the start of what it reads (see
// startScan), the size limit and check(bytes so far) as it goes. With the
// size known the bytes go straight into one buffer; without, into chunks
// copied together at the end, so that no more than twice the text is ever
// held. The first chunk is into when it can hold what is expected.
func (lim Limits) collect(name string, r io.Reader, size int64, into []byte, check func(int64) error) ([]byte, error) {
	maxSize := lim.maxSize()
	var scan startScan
	var chunks [][]byte
	var total int64
	next := int64(64 << 10)
	if size >= 0 {
		next = size + 1 // one more byte tells that the file grew meanwhile
	}
	for {
		if len(chunks) == 0 || len(chunks[len(chunks)-1]) == cap(chunks[len(chunks)-1]) {
			want := min(next, maxSize-total+1)
			if len(chunks) == 0 && int64(cap(into)) >= want {
				chunks = append(chunks, into[:0])
			} else {
				chunks = append(chunks, hugePages(make([]byte, 0, want)))
			}
			next = min(max(next, total)*2, 64<<20)
		}
		c := chunks[len(chunks)-1]
		n, err := r.Read(c[len(c):cap(c)])
		if n > 0 {
			if !scan.done {
				if serr := scan.feed(name, c[len(c):len(c)+n]); serr != nil {
					return nil, serr
				}
			}
			chunks[len(chunks)-1] = c[:len(c)+n]
			total += int64(n)
			if total > maxSize {
				return nil, lim.sizeError(name, -1)
			}
			if cerr := check(total); cerr != nil {
				return nil, cerr
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	out := hugePages(make([]byte, 0, total))
	for i, c := range chunks {
		out = append(out, c...)
		chunks[i] = nil // each chunk can go as soon as it is copied
	}
	return out, nil
}

func (lim Limits) sizeError(name string, size int64) error {
	max := lim.maxSize()
	if size >= 0 {
		return &LimitError{Name: name, Flag: "--max-size", Msg: fmt.Sprintf(
			"the file is %s, over callscope's limit of %s; if it is real, raise the limit with --max-size %s",
			SizeText(size), SizeText(max), sizeArg(size))}
	}
	return &LimitError{Name: name, Flag: "--max-size", Msg: fmt.Sprintf(
		"more than %s once decompressed, callscope's limit; if the file is real, raise the limit with --max-size %s",
		SizeText(max), sizeArg(2*max))}
}

func (lim Limits) ratioError(name string, out, in int64) error {
	return &LimitError{Name: name, Flag: "--max-size", Msg: fmt.Sprintf(
		"gzip data expanding more than %d× (%s from %s so far) is no call record, which gzips to about 20×; "+
			"callscope stopped. If the file is real, allow it with --max-size %s",
		maxRatio, SizeText(out), SizeText(in), sizeArg(DefaultMaxSize))}
}

// counter counts the bytes read through it.
type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// utf16Reader turns UTF-16 into UTF-8 as it is read, as utf16.Decode
// would (a lone surrogate becomes U+FFFD).
type utf16Reader struct {
	r    io.Reader
	big  bool
	in   [32 << 10]byte
	odd  []byte // a unit's first byte, or a high surrogate's two, left from the last read
	buf  []byte // for the converted bytes
	out  []byte // converted, not yet handed out
	done error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.done != nil {
			return 0, u.done
		}
		n := copy(u.in[:], u.odd)
		m, err := u.r.Read(u.in[n:])
		u.out, u.odd = u.convert(u.in[:n+m], err != nil)
		u.done = err
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// convert turns b into UTF-8, leaving what may be completed by the next
// read unless last says there is none.
func (u *utf16Reader) convert(b []byte, last bool) (out, rest []byte) {
	out = u.buf[:0]
	defer func() { u.buf = out }()
	unit := func(i int) rune {
		if u.big {
			return rune(b[i])<<8 | rune(b[i+1])
		}
		return rune(b[i+1])<<8 | rune(b[i])
	}
	i := 0
	for ; i+1 < len(b); i += 2 {
		c := unit(i)
		if utf16.IsSurrogate(c) && c < 0xdc00 { // a high surrogate wants the next unit
			if i+3 < len(b) {
				if r := utf16.DecodeRune(c, unit(i+2)); r != utf8.RuneError {
					out = utf8.AppendRune(out, r)
					i += 2
					continue
				}
			} else if !last {
				break
			}
			c = utf8.RuneError
		} else if utf16.IsSurrogate(c) {
			c = utf8.RuneError
		}
		out = utf8.AppendRune(out, c)
	}
	if last {
		return out, nil
	}
	return out, append([]byte(nil), b[i:]...)
}

// startScan checks the start of a source as its bytes arrive: white space
// and // comment lines (people annotate exports), then the { or [ that
// opens a call record, a collection or a list. Anything else is refused at
// once, saying what the bytes look like.
type startScan struct {
	done      bool
	state     uint8 // 0 white space, 1 after a '/', 2 in a comment line
	line, col int   // of the next byte, from 0; once done, of the JSON's first byte
	off       int   // bytes seen
	lineStart int   // where the line being scanned starts; once done, the JSON's line
	comments  int   // comment lines seen
}

// feed looks at the next bytes; it returns an error as soon as they
// cannot start a call record, and sets done once they can.
func (s *startScan) feed(name string, p []byte) error {
	for i, c := range p {
		if s.done {
			return nil
		}
		switch s.state {
		case 2:
			if c == '\n' {
				s.state = 0
			}
		case 1:
			if c != '/' {
				return &SyntaxError{Name: name, Line: s.line + 1, Column: s.col, Msg: "it starts with '/' that opens no // comment line"}
			}
			s.state = 2
			s.comments++
		default:
			switch c {
			case ' ', '\t', '\r', '\n':
			case '/':
				s.state = 1
			case '{', '[':
				s.done = true
				return nil
			default:
				return startError(name, s.line+1, s.col+1, p[i:])
			}
		}
		if c == '\n' {
			s.line, s.col, s.lineStart = s.line+1, 0, s.off+i+1
		} else if c < 0x80 || c >= 0xc0 {
			s.col++ // columns count runes, as lineCol does
		}
	}
	s.off += len(p)
	return nil
}

// startError refuses bytes that cannot start a call record, at line:col.
func startError(name string, line, col int, p []byte) error {
	switch c := p[0]; {
	case c == '"' || c == '-' || c >= '0' && c <= '9' || c == 't' || c == 'f' || c == 'n':
		return &NotCallRecordError{Name: name, What: "it starts with a JSON " + scalarName(c) + ", where a call record starts with {"}
	}
	return &SyntaxError{Name: name, Line: line, Column: col, Msg: "it starts with " + describeBytes(p) + ", not with { or ["}
}

func scalarName(c byte) string {
	switch c {
	case '"':
		return "string"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "number"
}

// describeBytes says what bytes that are not JSON look like.
func describeBytes(p []byte) string {
	p = p[:min(len(p), 32)]
	for _, m := range []struct{ magic, what string }{
		{"\x00", "zero bytes, as binary files (and /dev/zero) do"},
		{"PK\x03\x04", "PK: a zip archive; unzip it first"},
		{"BZh", "BZh: bzip2 data; decompress it first"},
		{"\xfd7zXZ\x00", "xz data; decompress it first"},
		{"\x28\xb5\x2f\xfd", "zstd data; decompress it first"},
		{"%PDF", "%PDF: a PDF document"},
		{"SQLite format 3\x00", "an SQLite database"},
		{"<", "<: an HTML or XML page, perhaps an error page saved in place of the JSON"},
	} {
		if bytes.HasPrefix(p, []byte(m.magic)) {
			return m.what
		}
	}
	if isText(p) {
		// Its first word, letters alone: enough to tell "Error…" or
		// "Bad…" from an export, never a password hash's or a token's body
		// (the file may be either: `report /etc/shadow`).
		w := []rune(string(p))
		n := 0
		for n < len(w) && n < 12 && unicode.IsLetter(w[n]) {
			n++
		}
		if n == 0 {
			return "text"
		}
		return "text " + strconv.Quote(string(w[:n])+"…")
	}
	var b strings.Builder
	b.WriteString("binary data (")
	for i, c := range p[:min(len(p), 4)] {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "0x%02x", c)
	}
	b.WriteString(")")
	return b.String()
}

// isText tells printable text, allowing for a rune cut at the end.
func isText(p []byte) bool {
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRune(p[i:])
		switch {
		case r == utf8.RuneError && n <= 1 && len(p)-i >= utf8.UTFMax:
			return false
		case r < 0x20 && r != '\t' && r != '\r' && r != '\n', r == 0x7f:
			return false
		}
		i += max(n, 1)
	}
	return true
}

// SizeText words a size: "9.0 MiB".
func SizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// sizeArg is a flag value at least n: whole GiB, or whole MiB below one.
func sizeArg(n int64) string {
	if n >= 1<<30 {
		return strconv.FormatInt((n+1<<30-1)>>30, 10) + "GiB"
	}
	return strconv.FormatInt(max((n+1<<20-1)>>20, 1), 10) + "MiB"
}

// ParseSize reads a size such as 4GiB, 500MB, 2G or 1048576: KiB, MiB,
// GiB, TiB and K, M, G, T are powers of 1024; KB, MB, GB, TB powers of 1000.
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := t, ""
	if i >= 0 {
		num, unit = t[:i], strings.TrimSpace(t[i:])
	}
	mult := map[string]float64{"": 1, "B": 1,
		"K": 1 << 10, "KIB": 1 << 10, "M": 1 << 20, "MIB": 1 << 20, "G": 1 << 30, "GIB": 1 << 30, "T": 1 << 40, "TIB": 1 << 40,
		"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12}[strings.ToUpper(unit)]
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || mult == 0 || f <= 0 || f*mult >= 1<<62 {
		return 0, fmt.Errorf("%q is no size: give one such as 8GiB, 500MiB or 2G", s)
	}
	return int64(f * mult), nil
}

// hugeHeapFrom is the size of a source from which HugeHeap readies the heap.
const hugeHeapFrom = 16 << 20
