package data

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"strings"

	"github.com/callscope/callscope/internal/swar"
	"github.com/tidwall/gjson"
)

// The loader reads a document in one pass that also checks it is JSON.
// gjson's own ForEach finds the end of every nested value by scanning it, and
// then the walk scans it again on the way down: a stream at depth eight was
// read eight times. The walker below visits each byte once: it learns where a
// value ends by walking it, and checks (skipValid) what nobody walked, so a
// separate validation pass over the whole file is not needed. Every index is
// bounds-checked: bytes that are not JSON cannot make it panic, and the first
// fault is kept in the walker for Load to report.

// value is one JSON value in the source. Scalars are read on the spot;
// objects and arrays are walked on demand.
type value struct {
	Type  gjson.Type // Null, False, Number, String, True or JSON
	Str   string     // a string's text, unescaped
	Num   float64    // a number's value
	raw   string     // a scalar's exact text
	w     *walker
	pos   int // where an object or array starts in w.src
	depth int // objects and arrays around it: 0 for the root
}

// walker holds the source and the extent of the last value walked to its
// end, which is how a parent learns where a walked child stopped.
type walker struct {
	src                string
	doneStart, doneEnd int
	keys               *keyCache // made on first use
	depth              int       // objects and arrays around what read() reads now
	stack              []byte    // skipValid's closers, kept between calls
	bad                bool      // src is not JSON (or nests too deep)
	deep               bool      // nesting went past depthLimit
}

// depthLimit is encoding/json's: a call record is about 12 levels deep. The
// tools that read raw JSON later (gjson) recurse once per level.
const depthLimit = 10000

// fail notes that src is not JSON; the walk then winds down.
func (w *walker) fail() { w.bad = true }

// keyCache remembers normalised keys: a document spells few keys, each
// thousands of times. It is a small open-addressed hash table on a cheap
// hash, a fraction of a map lookup. Once half full (a hostile file with
// endless keys) it learns no more; a key it does not hold is worked out.
type keyCache struct {
	slots [512]struct{ raw, norm string }
	used  int
}

// keyHash mixes a key's length and its first and last eight bytes.
func keyHash(k string) uint64 {
	x := uint64(len(k))
	if len(k) >= 8 {
		x ^= binary.LittleEndian.Uint64([]byte(k[:8])) ^ bits.RotateLeft64(binary.LittleEndian.Uint64([]byte(k[len(k)-8:])), 31)
	} else {
		for i := 0; i < len(k); i++ {
			x = x<<8 | uint64(k[i])
		}
	}
	x ^= x >> 33 // murmur3's finaliser: every input bit moves the low ones
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	return x ^ x>>33
}

// norm is normKey with a cache: no allocation once a key has been seen.
func (w *walker) norm(k string) string {
	if w.keys == nil {
		w.keys = new(keyCache)
	}
	c := w.keys
	h := keyHash(k)
	for probe := range uint64(8) {
		e := &c.slots[(h+probe)%uint64(len(c.slots))]
		if e.norm == "" { // not seen: learn it here
			var buf [48]byte
			n := strings.Clone(normKey(k, &buf))
			if c.used < len(c.slots)/2 && n != "" {
				e.raw, e.norm = k, n
				c.used++
			}
			return n
		}
		if e.raw == k {
			return e.norm
		}
	}
	var buf [48]byte
	return strings.Clone(normKey(k, &buf))
}

func (v value) IsObject() bool { return v.Type == gjson.JSON && v.w.at(v.pos) == '{' }
func (v value) IsArray() bool  { return v.Type == gjson.JSON && v.w.at(v.pos) == '[' }
func (v value) Exists() bool   { return v.w != nil }

// Raw is the value's exact source text: a zero-copy substring. For an
// object that was just walked it costs nothing; otherwise one scan.
func (v value) Raw() string {
	if v.Type != gjson.JSON {
		return v.raw
	}
	return v.w.src[v.pos:v.end()]
}

func (v value) end() int {
	if v.w.doneStart == v.pos && v.w.doneEnd > v.pos {
		return v.w.doneEnd
	}
	return v.w.skip(v.pos)
}

func (w *walker) at(i int) byte {
	if i >= 0 && i < len(w.src) {
		return w.src[i]
	}
	return 0
}

func (w *walker) space(i int) int {
	for i < len(w.src) {
		switch w.src[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// stringEnd returns the index after the closing quote of the string at i,
// and whether it holds escapes. It looks at eight bytes a step for a quote,
// a backslash or a control character (SWAR: "has a zero byte" on the bytes
// XOR the sought one), and checks every escape, as JSON requires.
func (w *walker) stringEnd(i int) (int, bool) {
	src := w.src
	escaped := false
	j := i + 1
	for {
		for j+8 <= len(src) {
			x := binary.LittleEndian.Uint64([]byte(src[j : j+8]))
			m := swar.Byte(x, '"') | swar.Byte(x, '\\') | swar.Less(x, 0x20)
			if m != 0 {
				j += bits.TrailingZeros64(m) / 8
				break
			}
			j += 8
		}
		for j < len(src) && src[j] != '"' && src[j] != '\\' && src[j] >= 0x20 {
			j++
		}
		switch {
		case j >= len(src):
			w.fail() // the file ends inside a string
			return len(src), escaped
		case src[j] == '"':
			return j + 1, escaped
		case src[j] == '\\':
			escaped = true
			n := jsonEscapeLen(src[j:])
			if n == 0 {
				w.fail()
				return j + 1, escaped
			}
			j += n
		default:
			w.fail() // a raw control character: JSON wants it escaped
			return j + 1, escaped
		}
	}
}

// jsonEscapeLen is the length of the valid JSON escape at the start of s, 0 if none.
func jsonEscapeLen(s string) int {
	if len(s) < 2 {
		return 0
	}
	switch s[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		if len(s) < 6 {
			return 0
		}
		for _, c := range []byte(s[2:6]) {
			if !isHex(c) {
				return 0
			}
		}
		return 6
	}
	return 0
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// skip returns the index after the value at i without reading it: a quick
// bracket count for boundaries (value.end, elements). What it passes over is
// checked later by the walk that reads it.
func (w *walker) skip(i int) int {
	switch w.at(i) {
	case '"':
		e, _ := w.stringEnd(i)
		return e
	case '{', '[':
		depth := 0
		for j := i; j < len(w.src); j++ {
			switch w.src[j] {
			case '"':
				e, _ := w.stringEnd(j)
				j = e - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(w.src)
	}
	j := i
	for j < len(w.src) {
		switch w.src[j] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return max(j, i+1)
		}
		j++
	}
	return max(j, min(i+1, len(w.src)))
}

// read makes the value at i; for a scalar it also returns where it ends.
func (w *walker) read(i int) (value, int) {
	v := value{w: w, pos: i, depth: w.depth}
	switch c := w.at(i); c {
	case '{', '[':
		v.Type = gjson.JSON
		return v, -1
	case '"':
		e, esc := w.stringEnd(i)
		v.Type, v.raw = gjson.String, w.src[i:e]
		if esc {
			v.Str = gjson.Parse(v.raw).Str
		} else if e-i >= 2 {
			v.Str = w.src[i+1 : e-1]
		}
		return v, e
	case 't':
		v.Type = gjson.True
	case 'f':
		v.Type = gjson.False
	case 'n':
		v.Type = gjson.Null
	default:
		e, ok := w.number(i)
		if !ok {
			w.fail()
			return value{w: w, pos: i, depth: w.depth, Type: gjson.Null}, max(e, i+1)
		}
		v.Type, v.raw = gjson.Number, w.src[i:e]
		v.Num, _ = strconv.ParseFloat(v.raw, 64)
		return v, e
	}
	e := w.literal(i)
	v.raw = w.src[i:e]
	return v, e
}

// literal returns the end of the true, false or null at i.
func (w *walker) literal(i int) int {
	lit := "null"
	switch w.at(i) {
	case 't':
		lit = "true"
	case 'f':
		lit = "false"
	}
	if e := i + len(lit); e <= len(w.src) && w.src[i:e] == lit {
		return e
	}
	w.fail()
	return i + 1
}

// number returns the end of the number at i and whether it follows JSON's
// grammar (no "+1", "01", ".5", "1." or "NaN"). What follows it is the
// caller's to check.
func (w *walker) number(i int) (int, bool) {
	src := w.src
	j := i
	if j < len(src) && src[j] == '-' {
		j++
	}
	switch {
	case j >= len(src):
		return j, false
	case src[j] == '0':
		j++
	case src[j] >= '1' && src[j] <= '9':
		for j++; j < len(src) && isDigit(src[j]); j++ {
		}
	default:
		return j, false
	}
	if j < len(src) && src[j] == '.' {
		j++
		if j >= len(src) || !isDigit(src[j]) {
			return j, false
		}
		for j < len(src) && isDigit(src[j]) {
			j++
		}
	}
	if j < len(src) && (src[j] == 'e' || src[j] == 'E') {
		j++
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j >= len(src) || !isDigit(src[j]) {
			return j, false
		}
		for j < len(src) && isDigit(src[j]) {
			j++
		}
	}
	return j, true
}

// scalarEnd checks the string, number or literal at i and returns its end.
func (w *walker) scalarEnd(i int) int {
	switch c := w.at(i); {
	case c == '"':
		e, _ := w.stringEnd(i)
		return e
	case c == 't' || c == 'f' || c == 'n':
		return w.literal(i)
	}
	e, ok := w.number(i)
	if !ok {
		w.fail()
		return max(e, i+1)
	}
	return e
}

// skipValid returns the index after the value at i, with depth objects and
// arrays around it, like skip, but checks every byte of it against JSON's
// grammar on the way. It keeps its own stack of open brackets: a hostile
// file may nest far deeper than the Go stack.
func (w *walker) skipValid(i, depth int) int {
	stack := w.stack[:0]
	defer func() { w.stack = stack }()
value:
	for !w.bad {
		switch c := w.at(i); c {
		case '{', '[':
			closer := byte(']')
			if c == '{' {
				closer = '}'
			}
			if depth+len(stack)+1 > depthLimit {
				w.deep = true
				w.fail()
				return i
			}
			i = w.space(i + 1)
			if w.at(i) == closer {
				i++
				break // an empty one: on to what follows it
			}
			stack = append(stack, closer)
			if closer == '}' {
				i = w.memberKey(i)
			}
			continue value
		default:
			i = w.scalarEnd(i)
		}
		// After a value: close what ends here, then the next member.
		for !w.bad {
			if len(stack) == 0 {
				return i
			}
			i = w.space(i)
			closer := stack[len(stack)-1]
			switch w.at(i) {
			case ',':
				i = w.space(i + 1)
				if closer == '}' {
					i = w.memberKey(i)
				}
				continue value
			case closer:
				stack = stack[:len(stack)-1]
				i++
				continue
			}
			w.fail()
		}
	}
	return i
}

// memberKey checks `"key" :` at i and returns where the member's value starts.
func (w *walker) memberKey(i int) int {
	if w.at(i) != '"' {
		w.fail()
		return i
	}
	e, _ := w.stringEnd(i)
	i = w.space(e)
	if w.at(i) != ':' {
		w.fail()
		return i
	}
	return w.space(i + 1)
}

// next returns the index after a value that fn was handed: where its walk
// ended if fn walked it, else after checking it.
func (w *walker) next(v value, scalarEnd int) int {
	if v.Type != gjson.JSON {
		return scalarEnd
	}
	if w.doneStart == v.pos && w.doneEnd > v.pos {
		return w.doneEnd
	}
	return v.check()
}

// check checks the whole of v against JSON's grammar and returns its end.
func (v value) check() int { return v.w.skipValid(v.pos, v.depth) }

// forEachRaw calls fn for every member of an object (raw keys) or every
// element of an array (empty keys), in order, until fn returns false. It
// checks the punctuation between them; a walk that reaches the closing
// bracket marks the value as done, with its end.
func forEachRaw(v value, fn func(key string, m value) bool) {
	if v.Type != gjson.JSON {
		return
	}
	w := v.w
	obj := w.at(v.pos) == '{'
	closer := byte(']')
	if obj {
		closer = '}'
	}
	// Members are one level down from v, wherever the walk was before:
	// v may be walked long after its parent's walk returned.
	outer := w.depth
	defer func() { w.depth = outer }()
	if w.depth = v.depth + 1; w.depth > depthLimit {
		w.deep = true
		w.fail()
	}
	i := w.space(v.pos + 1)
	if w.at(i) == closer {
		w.doneStart, w.doneEnd = v.pos, i+1
		return
	}
	for !w.bad {
		key := ""
		if obj {
			if w.at(i) != '"' {
				w.fail()
				break
			}
			e, esc := w.stringEnd(i)
			if e-i >= 2 {
				key = w.src[i+1 : e-1]
			}
			if esc {
				key = gjson.Parse(w.src[i:e]).Str
			}
			i = w.space(e)
			if w.at(i) != ':' {
				w.fail()
				break
			}
			i = w.space(i + 1)
		}
		m, e := w.read(i)
		if w.bad || !fn(key, m) {
			break
		}
		i = w.space(w.next(m, e))
		switch w.at(i) {
		case ',':
			i = w.space(i + 1)
			continue
		case closer:
			w.doneStart, w.doneEnd = v.pos, i+1
			return
		}
		w.fail()
	}
}

// elements collects an array's elements (an object stands for itself, as
// PowerShell unwraps one-element arrays). Objects are only skipped here: the
// caller walks each one whole later (the parallel parse), which checks it.
// Anything else is checked now.
func elements(v value) []value {
	if v.IsObject() {
		return []value{v}
	}
	var out []value
	forEachRaw(v, func(_ string, e value) bool {
		out = append(out, e)
		if e.IsObject() {
			e.w.doneStart, e.w.doneEnd = e.pos, e.w.skip(e.pos)
		}
		return true
	})
	return out
}

// firstElement is an array's first element, if it has one; the walk that
// reads the array checks it.
func firstElement(v value) (value, bool) {
	i := v.w.space(v.pos + 1)
	if c := v.w.at(i); c == ']' || c == 0 {
		return value{}, false
	}
	e, _ := v.w.read(i)
	e.depth = v.depth + 1
	return e, true
}

// checkEnd fails unless only white space follows the root value, which
// ends at end.
func (w *walker) checkEnd(end int) {
	if w.space(end) != len(w.src) {
		w.fail()
	}
}

// rootValue starts a walk over a whole document.
func rootValue(src string) value {
	w := &walker{src: src, doneStart: -1}
	v, _ := w.read(w.space(0))
	return v
}
