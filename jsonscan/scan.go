// Package jsonscan reads a JSON document in one pass that also checks it is
// JSON. gjson's own ForEach finds the end of every nested value by scanning
// it, and then a walk scans it again on the way down: a stream at depth
// eight was read eight times. The scanner here visits each byte once: it
// learns where a value ends by walking it, and checks what nobody walked,
// so a separate validation pass over the whole file is not needed. Every
// index is bounds-checked: bytes that are not JSON cannot make it panic,
// and the first fault is kept in the Scanner for the caller to report.
//
// Strings are views of the source, not copies, unless they hold escapes.
package jsonscan

import (
	"math/bits"
	"strconv"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/internal/swar"
)

// Scanner holds a source and the state of the walks over it: the extent of
// the last value walked to its end (how a parent learns where a walked
// child stopped) and whether the source turned out not to be JSON. It is
// not for use by several goroutines at once: give each its own (Fork).
type Scanner struct {
	src                string
	doneStart, doneEnd int
	keys               *keyCache // made on first use
	depth              int       // objects and arrays around what read() reads now
	stack              []byte    // skipValid's closers, kept between calls
	bad                bool      // src is not JSON (or nests too deep, or Stop was called)
	deep               bool      // nesting went past DepthLimit
}

// DepthLimit is encoding/json's: a call record is about 12 levels deep. The
// tools that read raw JSON later (gjson) recurse once per level.
const DepthLimit = 10000

// Source is the document the scanner reads.
func (s *Scanner) Source() string { return s.src }

// Fork is a new Scanner over the same source, for another goroutine: values
// moved to it with On are walked there, apart from this one's walks.
func (s *Scanner) Fork() *Scanner { return &Scanner{src: s.src, doneStart: -1} }

// Failed tells whether the source is not JSON (or nests too deep), as far
// as the walks went, or a caller stopped the walk.
func (s *Scanner) Failed() bool { return s.bad }

// TooDeep tells whether the source nests deeper than DepthLimit.
func (s *Scanner) TooDeep() bool { return s.deep }

// Stop ends every walk in progress: they wind down as on bytes that are not
// JSON. A caller that stops for its own reason knows it was not the bytes.
func (s *Scanner) Stop() { s.bad = true }

// Absorb takes in what a fork found wrong.
func (s *Scanner) Absorb(o *Scanner) {
	s.bad = s.bad || o.bad
	s.deep = s.deep || o.deep
}

// CheckEnd fails the scan unless only white space follows end, where the
// root value ends.
func (s *Scanner) CheckEnd(end int) {
	if s.space(end) != len(s.src) {
		s.bad = true
	}
}

// Valid checks that src is one JSON value: nil, ErrInvalid or ErrTooDeep.
func Valid(src string) error {
	s := &Scanner{src: src}
	if e := s.skipValid(s.space(0), 0); !s.bad && s.space(e) != len(src) {
		s.bad = true
	}
	switch {
	case s.deep:
		return ErrTooDeep
	case s.bad:
		return ErrInvalid
	}
	return nil
}

// The errors of Valid.
var (
	ErrInvalid = validError("not valid JSON")
	ErrTooDeep = validError("JSON nested too deep")
)

type validError string

func (e validError) Error() string { return string(e) }

// fail notes that src is not JSON; the walk then winds down.
func (s *Scanner) fail() { s.bad = true }

func (s *Scanner) at(i int) byte {
	if i >= 0 && i < len(s.src) {
		return s.src[i]
	}
	return 0
}

func (s *Scanner) space(i int) int {
	for i < len(s.src) {
		switch s.src[i] {
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
// a backslash or a control character, and checks every escape, as JSON
// requires.
func (s *Scanner) stringEnd(i int) (int, bool) {
	src := s.src
	escaped := false
	j := i + 1
	for {
		for j+8 <= len(src) {
			x := swar.Load(src, j)
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
			s.fail() // the file ends inside a string
			return len(src), escaped
		case src[j] == '"':
			return j + 1, escaped
		case src[j] == '\\':
			escaped = true
			n := escapeLen(src[j:])
			if n == 0 {
				s.fail()
				return j + 1, escaped
			}
			j += n
		default:
			s.fail() // a raw control character: JSON wants it escaped
			return j + 1, escaped
		}
	}
}

// escapeLen is the length of the valid JSON escape at the start of s, 0 if none.
func escapeLen(s string) int {
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
// bracket count for boundaries (End, Split). What it passes over is checked
// later by the walk that reads it.
func (s *Scanner) skip(i int) int {
	switch s.at(i) {
	case '"':
		e, _ := s.stringEnd(i)
		return e
	case '{', '[':
		depth := 0
		for j := i; j < len(s.src); j++ {
			switch s.src[j] {
			case '"':
				e, _ := s.stringEnd(j)
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
		return len(s.src)
	}
	j := i
	for j < len(s.src) {
		switch s.src[j] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return max(j, i+1)
		}
		j++
	}
	return max(j, min(i+1, len(s.src)))
}

// read makes the value at i; for a scalar it also returns where it ends.
func (s *Scanner) read(i int) (Value, int) {
	v := Value{s: s, pos: i, depth: s.depth}
	switch c := s.at(i); c {
	case '{':
		v.kind = Object
		return v, -1
	case '[':
		v.kind = Array
		return v, -1
	case '"':
		e, esc := s.stringEnd(i)
		v.kind, v.raw = String, s.src[i:e]
		if esc {
			v.str = gjson.Parse(v.raw).Str
		} else if e-i >= 2 {
			v.str = s.src[i+1 : e-1]
		}
		return v, e
	case 't':
		v.kind = True
	case 'f':
		v.kind = False
	case 'n':
		v.kind = Null
	default:
		e, ok := s.number(i)
		if !ok {
			s.fail()
			return Value{s: s, pos: i, depth: s.depth, kind: Null}, max(e, i+1)
		}
		v.kind, v.raw = Number, s.src[i:e]
		v.num, _ = strconv.ParseFloat(v.raw, 64)
		return v, e
	}
	e := s.literal(i)
	v.raw = s.src[i:e]
	return v, e
}

// literal returns the end of the true, false or null at i.
func (s *Scanner) literal(i int) int {
	lit := "null"
	switch s.at(i) {
	case 't':
		lit = "true"
	case 'f':
		lit = "false"
	}
	if e := i + len(lit); e <= len(s.src) && s.src[i:e] == lit {
		return e
	}
	s.fail()
	return i + 1
}

// number returns the end of the number at i and whether it follows JSON's
// grammar (no "+1", "01", ".5", "1." or "NaN"). What follows it is the
// caller's to check.
func (s *Scanner) number(i int) (int, bool) {
	src := s.src
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
func (s *Scanner) scalarEnd(i int) int {
	switch c := s.at(i); {
	case c == '"':
		e, _ := s.stringEnd(i)
		return e
	case c == 't' || c == 'f' || c == 'n':
		return s.literal(i)
	}
	e, ok := s.number(i)
	if !ok {
		s.fail()
		return max(e, i+1)
	}
	return e
}

// skipValid returns the index after the value at i, with depth objects and
// arrays around it, like skip, but checks every byte of it against JSON's
// grammar on the way. It keeps its own stack of open brackets: a hostile
// file may nest far deeper than the Go stack.
func (s *Scanner) skipValid(i, depth int) int {
	stack := s.stack[:0]
	defer func() { s.stack = stack }()
value:
	for !s.bad {
		switch c := s.at(i); c {
		case '{', '[':
			closer := byte(']')
			if c == '{' {
				closer = '}'
			}
			if depth+len(stack)+1 > DepthLimit {
				s.deep = true
				s.fail()
				return i
			}
			i = s.space(i + 1)
			if s.at(i) == closer {
				i++
				break // an empty one: on to what follows it
			}
			stack = append(stack, closer)
			if closer == '}' {
				i = s.memberKey(i)
			}
			continue value
		default:
			i = s.scalarEnd(i)
		}
		// After a value: close what ends here, then the next member.
		for !s.bad {
			if len(stack) == 0 {
				return i
			}
			i = s.space(i)
			closer := stack[len(stack)-1]
			switch s.at(i) {
			case ',':
				i = s.space(i + 1)
				if closer == '}' {
					i = s.memberKey(i)
				}
				continue value
			case closer:
				stack = stack[:len(stack)-1]
				i++
				continue
			}
			s.fail()
		}
	}
	return i
}

// memberKey checks `"key" :` at i and returns where the member's value starts.
func (s *Scanner) memberKey(i int) int {
	if s.at(i) != '"' {
		s.fail()
		return i
	}
	e, _ := s.stringEnd(i)
	i = s.space(e)
	if s.at(i) != ':' {
		s.fail()
		return i
	}
	return s.space(i + 1)
}

// next returns the index after a value that fn was handed: where its walk
// ended if fn walked it, else after checking it.
func (s *Scanner) next(v Value, scalarEnd int) int {
	if v.kind != Object && v.kind != Array {
		return scalarEnd
	}
	if s.doneStart == v.pos && s.doneEnd > v.pos {
		return s.doneEnd
	}
	return v.Check()
}

// each calls fn for every member of an object (raw keys) or every element
// of an array (empty keys), in order, until fn returns false. It checks the
// punctuation between them; a walk that reaches the closing bracket marks
// the value as done, with its end.
func (s *Scanner) each(v Value, fn func(key string, m Value) bool) {
	obj := v.kind == Object
	closer := byte(']')
	if obj {
		closer = '}'
	}
	// Members are one level down from v, wherever the walk was before:
	// v may be walked long after its parent's walk returned.
	outer := s.depth
	defer func() { s.depth = outer }()
	if s.depth = v.depth + 1; s.depth > DepthLimit {
		s.deep = true
		s.fail()
	}
	i := s.space(v.pos + 1)
	if s.at(i) == closer {
		s.doneStart, s.doneEnd = v.pos, i+1
		return
	}
	for !s.bad {
		key := ""
		if obj {
			if s.at(i) != '"' {
				s.fail()
				break
			}
			e, esc := s.stringEnd(i)
			if e-i >= 2 {
				key = s.src[i+1 : e-1]
			}
			if esc {
				key = gjson.Parse(s.src[i:e]).Str
			}
			i = s.space(e)
			if s.at(i) != ':' {
				s.fail()
				break
			}
			i = s.space(i + 1)
		}
		m, e := s.read(i)
		if s.bad || !fn(key, m) {
			break
		}
		i = s.space(s.next(m, e))
		switch s.at(i) {
		case ',':
			i = s.space(i + 1)
			continue
		case closer:
			s.doneStart, s.doneEnd = v.pos, i+1
			return
		}
		s.fail()
	}
}
