package load

import (
	"bytes"
	"compress/gzip"
	"errors"
	"github.com/callscope/callscope/internal/fixture"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf16"
)

// endless yields its pattern forever, after head, counting what it gave.
type endless struct {
	head, pattern []byte
	n             int64
}

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		src := e.pattern
		if len(e.head) > 0 {
			src = e.head
		}
		c := copy(p[n:], src)
		if len(e.head) > 0 {
			e.head = e.head[c:]
		}
		n += c
	}
	e.n += int64(n)
	return n, nil
}

// Bytes that cannot start a call record are refused as soon as they are
// seen, saying what they look like, however much more would follow.
func TestReadRefusesWhatCannotBeJSONAtOnce(t *testing.T) {
	for _, c := range []struct {
		head, pattern string
		want          string
	}{
		{"", "\x00", "-:1:1: invalid JSON: it starts with zero bytes"},
		{"PK\x03\x04", "\x00", "a zip archive"},
		{"  \n<!DOCTYPE html>", " ", "-:2:1: invalid JSON: it starts with <: an HTML or XML page"},
		{"%PDF-1.7", "x", "a PDF document"},
		{"id,name\n", "1,a\n", `it starts with text "id…", not`},
		{"root:$6$saltsalt$hash", ":", `it starts with text "root…", not`}, // a file's secrets stay in it
		{"ghp_tokenbody123", "x", `it starts with text "ghp…", not`},
		{"_12:00 ok", "x", `it starts with text, not`},
		{"\x89PNG", "\x01", "binary data (0x89 0x50 0x4e 0x47)"},
		{"// a note\n/x", " ", "-:2:1: invalid JSON: it starts with '/' that opens no // comment line"},
		{`"`, "a", "not a call record: it starts with a JSON string"},
	} {
		src := &endless{head: []byte(c.head), pattern: []byte(c.pattern)}
		_, err := ReadSource("-", src)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.head, err, c.want)
		}
		if src.n > 256<<10 {
			t.Errorf("%q: read %d bytes before refusing", c.head, src.n)
		}
	}
	// Gzip holding such bytes is refused as soon as the first are out.
	gz := gzipBomb(make([]byte, 1<<20), 64, "")
	src := &counter{r: bytes.NewReader(gz)}
	if _, err := ReadSource("-", src); err == nil || !strings.Contains(err.Error(), "zero bytes") || src.n > 256<<10 {
		t.Errorf("gzip of zeros: %v after %d of %d bytes", err, src.n, len(gz))
	}
	if _, err := ReadSource("/dev/zero", nil); err == nil || !strings.Contains(err.Error(), "zero bytes") {
		t.Errorf("/dev/zero: %v", err)
	}
}

// Reading stops at the size limit, saying how to raise it: a file over it
// before reading, a stream once it passes it.
func TestReadStopsAtTheSizeLimit(t *testing.T) {
	lim := Limits{MaxSize: 1 << 20}
	src := &endless{head: []byte("["), pattern: []byte(" ")}
	_, err := lim.ReadSource("-", src)
	var le *LimitError
	if !errors.As(err, &le) || le.Flag != "--max-size" || !strings.Contains(err.Error(), "more than 1.0 MiB once decompressed") ||
		!strings.Contains(err.Error(), "--max-size 2MiB") {
		t.Errorf("endless stream: %v", err)
	}
	if src.n > 2<<20 {
		t.Errorf("read %d bytes for a limit of 1 MiB", src.n)
	}
	p := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(p, append([]byte("["), bytes.Repeat([]byte(" "), 3<<20)...), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := lim.ReadSource(p, nil); !errors.As(err, &le) || !strings.Contains(err.Error(), "the file is 3.0 MiB, over callscope's limit of 1.0 MiB") ||
		!strings.Contains(err.Error(), "--max-size 4MiB") {
		t.Errorf("file over the limit: %v", err)
	}
	// Exactly at the limit is fine.
	at := Limits{MaxSize: 3<<20 + 1}
	if b, err := at.ReadSource(p, nil); err != nil || len(b) != 3<<20+1 {
		t.Errorf("at the limit: %d bytes, %v", len(b), err)
	}
}

// gzipBomb is n gzip members of block, then one of tail: gzip readers
// read them as one stream, and it takes no time to make.
func gzipBomb(block []byte, n int, tail string) []byte {
	one := gzipOf(block)
	return append(bytes.Repeat(one, n), gzipOf([]byte(tail))...)
}

// gzipOf compresses doc.
func gzipOf(doc []byte) []byte {
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(doc)
	zw.Close()
	return gz.Bytes()
}

// Gzip data that expands far beyond what call records compress to is a
// bomb: reading stops, unless --max-size says the file may be that big.
func TestGzipBombStopsAtTheRatio(t *testing.T) {
	spaces := bytes.Repeat([]byte(" "), 1<<20)
	bomb := gzipBomb(spaces, 1024, "{}") // 1 GiB of spaces in 1 MiB
	src := &counter{r: bytes.NewReader(bomb)}
	_, err := ReadSource("-", src)
	var le *LimitError
	if !errors.As(err, &le) || le.Flag != "--max-size" || !strings.Contains(err.Error(), "gzip data expanding more than 100×") ||
		!strings.Contains(err.Error(), "--max-size 4GiB") {
		t.Fatalf("bomb: %v", err)
	}
	if src.n > int64(len(bomb))/10 {
		t.Errorf("read %d bytes of the %d-byte bomb before stopping", src.n, len(bomb))
	}
	// Given a size, the user vouches for the file: it is read (and then
	// refused for what it is).
	b, err := Limits{MaxSize: 64 << 20}.ReadSource("-", bytes.NewReader(gzipBomb(spaces, 40, "{}")))
	if err != nil || len(b) != 40<<20+2 {
		t.Errorf("bomb with --max-size: %d bytes, %v", len(b), err)
	}
	// A real record compresses about 17×: well within the ratio.
	gen := generated(t)
	b, err = ReadSource("-", bytes.NewReader(gzipOf(gen)))
	if err != nil || !bytes.Equal(b, gen) {
		t.Errorf("generated record gzipped: %v", err)
	}
}

// UTF-16 is turned into UTF-8 as it streams in, whichever way the bytes
// arrive, as utf16.Decode would.
func TestUTF16IsDecodedAsItStreams(t *testing.T) {
	text := `{"id":"x","organizer_v2":{"identity":{"user":{"displayName":"Zoë 😀 \u00e9"}}}}` + "\n"
	units := utf16.Encode([]rune(text))
	units = append(units, 0xd800, 'x', 0xdc00) // lone surrogates: U+FFFD each, as utf16.Decode makes them
	want := string(utf16.Decode(units))
	encode := func(big bool) []byte {
		var b []byte
		for _, u := range units {
			if big {
				b = append(b, byte(u>>8), byte(u))
			} else {
				b = append(b, byte(u), byte(u>>8))
			}
		}
		return b
	}
	for name, doc := range map[string][]byte{
		"LE with BOM":    append([]byte{0xff, 0xfe}, encode(false)...),
		"BE with BOM":    append([]byte{0xfe, 0xff}, encode(true)...),
		"LE without BOM": encode(false),
		"BE without BOM": encode(true),
	} {
		for how, r := range map[string]io.Reader{
			"at once":          bytes.NewReader(doc),
			"a byte at a time": iotest.OneByteReader(bytes.NewReader(doc)),
			"gzipped":          bytes.NewReader(gzipOf(doc)),
		} {
			got, err := ReadSource("-", r)
			if err != nil || string(got) != want {
				t.Errorf("%s, %s: %q, %v; want %q", name, how, got, err, want)
			}
		}
	}
}

// ReadSourceInto reads into the buffer it is given when that can hold the
// file, and reads as ReadSource does whatever the buffer: a plain file, a
// gzip one, one with a byte-order mark, a buffer too small.
func TestReadSourceIntoReusesTheBuffer(t *testing.T) {
	dir := t.TempDir()
	doc := []byte(`{"id":"x","sessions":[]}` + strings.Repeat(" ", 100<<10))
	files := map[string][]byte{"plain.json": doc, "gz.json": gzipOf(doc), "bom.json": append([]byte("\xef\xbb\xbf"), doc...)}
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{1 << 20, 16} {
			buf := make([]byte, 3, size)
			copy(buf, "old")
			got, err := Limits{}.ReadSourceInto(p, nil, buf)
			if err != nil || !bytes.Equal(got, doc) {
				t.Fatalf("%s into %d bytes: %.40q, %v", name, size, got, err)
			}
			if reused := &got[0] == &buf[:1][0]; reused != (size > len(doc)) {
				t.Errorf("%s into %d bytes: buffer reused %v", name, size, reused)
			}
		}
	}
}

// The model of a file may take only so much memory: a file of nothing but
// empty objects stops with one line saying where and how to raise the
// limit, whether its sessions are parsed on one core or split between them.
func TestLoadStopsAtTheMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		kind string
		n    int
	}{{"stream", 200000}, {"session", 400000}, {"media", 600000}} {
		doc := emptyNodes(c.kind, c.n)
		_, err := Load("empty.json", doc)
		var le *LimitError
		if !errors.As(err, &le) || le.Flag != "--max-memory" {
			t.Fatalf("%d empty %ss: %v", c.n, c.kind, err)
		}
		for _, want := range []string{"empty.json: stopped at sessions[", "callscope's limit for a file of", "--max-memory "} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%q lacks %q", err, want)
			}
		}
		// Raised, the limit lets the file load.
		f, err := Limits{MaxMemory: 2 << 30}.Load("empty.json", doc)
		if err != nil || f.Records[0].Counts().Sessions == 0 {
			t.Errorf("%d empty %ss with the limit raised: %v", c.n, c.kind, err)
		}
	}
	// Every public sample and the demo load within the default limit, as
	// the generated 100 MB record does (BenchmarkLoad).
	files := fixture.Glob(t, "graph/callrecord-*.json")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Load(p, b); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"4GiB": 4 << 30, "4G": 4 << 30, "500MB": 500e6, "1.5GiB": 3 << 29, "1048576": 1 << 20, "64 mib": 64 << 20, "2KiB": 2048} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("%q: %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "0", "-1G", "4XB", "GiB", "1e30"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	for n, want := range map[int64]string{1: "1MiB", 3<<20 + 1: "4MiB", 5<<30 + 1: "6GiB"} {
		if got := sizeArg(n); got != want {
			t.Errorf("sizeArg(%d) = %q, want %q", n, got, want)
		}
	}
}
