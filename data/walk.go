package data

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// The loader reads a document that gjson.Valid has accepted in one pass.
// gjson's own ForEach finds the end of every nested value by scanning it, and
// then the walk scans it again on the way down: a stream at depth eight was
// read eight times. The walker below visits each byte once: it learns where a
// value ends by walking it, and only skips (one scan) what nobody walked.
// Every index is bounds-checked, so even a document gjson wrongly accepted
// cannot make it panic.

// value is one JSON value in the source. Scalars are read on the spot;
// objects and arrays are walked on demand.
type value struct {
	Type gjson.Type // Null, False, Number, String, True or JSON
	Str  string     // a string's text, unescaped
	Num  float64    // a number's value
	raw  string     // a scalar's exact text
	w    *walker
	pos  int // where an object or array starts in w.src
}

// walker holds the source and the extent of the last value walked to its
// end, which is how a parent learns where a walked child stopped.
type walker struct {
	src                string
	doneStart, doneEnd int
	keys               map[string]string // raw key → normalised key: a document uses few
}

// norm is normKey with a cache: no allocation once a key has been seen.
func (w *walker) norm(k string) string {
	if n, ok := w.keys[k]; ok {
		return n
	}
	var buf [48]byte
	n := strings.Clone(normKey(k, &buf))
	if w.keys == nil {
		w.keys = map[string]string{}
	}
	if len(w.keys) < 4096 { // a hostile file must not grow it without end
		w.keys[k] = n
	}
	return n
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
// and whether it holds escapes. It looks at eight bytes a step for a quote
// or a backslash (SWAR: "has a zero byte" on the bytes XOR the sought one).
func (w *walker) stringEnd(i int) (int, bool) {
	src := w.src
	escaped := false
	j := i + 1
	for {
		for j+8 <= len(src) {
			x := binary.LittleEndian.Uint64([]byte(src[j : j+8]))
			m := hasByte(x, '"') | hasByte(x, '\\')
			if m != 0 {
				j += bits.TrailingZeros64(m) / 8
				break
			}
			j += 8
		}
		for j < len(src) && src[j] != '"' && src[j] != '\\' {
			j++
		}
		if j >= len(src) {
			return len(src), escaped
		}
		if src[j] == '"' {
			return j + 1, escaped
		}
		escaped = true
		j += 2 // the escaped byte cannot end the string
	}
}

const (
	lows  = 0x0101010101010101
	highs = 0x8080808080808080
)

// hasByte marks the bytes of x equal to b with their high bit; the lowest
// mark is exact, which is the one stringEnd uses.
func hasByte(x uint64, b byte) uint64 {
	y := x ^ (lows * uint64(b))
	return (y - lows) &^ y & highs
}

// skip returns the index after the value at i without reading it.
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
	v := value{w: w, pos: i}
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
	case 't', 'f', 'n':
		e := w.skip(i)
		v.raw = w.src[i:e]
		switch v.raw {
		case "true":
			v.Type = gjson.True
		case "false":
			v.Type = gjson.False
		default:
			v.Type = gjson.Null
		}
		return v, e
	default:
		e := w.skip(i)
		v.Type, v.raw = gjson.Number, w.src[i:e]
		v.Num, _ = strconv.ParseFloat(v.raw, 64)
		return v, e
	}
}

// next returns the index after a value that fn was handed: where its walk
// ended if fn walked it, else after a skip.
func (w *walker) next(v value, scalarEnd int) int {
	if v.Type != gjson.JSON {
		return scalarEnd
	}
	if w.doneStart == v.pos && w.doneEnd > v.pos {
		return w.doneEnd
	}
	return w.skip(v.pos)
}

// forEachRaw calls fn for every member of an object (raw keys) or every
// element of an array (empty keys), in order, until fn returns false.
func forEachRaw(v value, fn func(key string, m value) bool) {
	if v.Type != gjson.JSON {
		return
	}
	w := v.w
	obj := w.at(v.pos) == '{'
	i := v.pos + 1
	for {
		i = w.space(i)
		switch w.at(i) {
		case '}', ']', 0:
			if i < len(w.src) {
				w.doneStart, w.doneEnd = v.pos, i+1
			}
			return
		case ',':
			i++
			continue
		}
		key := ""
		if obj {
			e, esc := w.stringEnd(i)
			if e-i >= 2 {
				key = w.src[i+1 : e-1]
			}
			if esc {
				key = gjson.Parse(w.src[i:e]).Str
			}
			i = w.space(e)
			if w.at(i) != ':' {
				return // not JSON after all: stop rather than guess
			}
			i = w.space(i + 1)
		}
		m, e := w.read(i)
		if !fn(key, m) {
			return
		}
		i = w.next(m, e)
	}
}

// elements collects an array's elements (an object stands for itself, as
// PowerShell unwraps one-element arrays).
func elements(v value) []value {
	if v.IsObject() {
		return []value{v}
	}
	var out []value
	forEachRaw(v, func(_ string, e value) bool {
		out = append(out, e)
		// The parallel parse walks these later: skip each one now.
		if e.Type == gjson.JSON {
			e.w.doneStart, e.w.doneEnd = e.pos, e.w.skip(e.pos)
		}
		return true
	})
	return out
}

// rootValue starts a walk over a whole document.
func rootValue(src string) value {
	w := &walker{src: src, doneStart: -1}
	v, _ := w.read(w.space(0))
	return v
}
