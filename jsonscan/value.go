package jsonscan

// The API: values, their walks, and the runs a big array is split into.

// Kind is what a JSON value is.
type Kind uint8

const (
	Missing Kind = iota // no value: the zero Value, or a member not found
	Null
	False
	True
	Number
	String
	Object
	Array
)

// Value is one JSON value in the source. Scalars are read on the spot;
// objects and arrays are walked on demand (Members, Elements, Fields).
type Value struct {
	kind  Kind
	str   string  // a string's text, unescaped
	num   float64 // a number's value
	raw   string  // a scalar's exact text
	s     *Scanner
	pos   int // where the value starts in the source
	depth int // objects and arrays around it: 0 for the root
}

// Root starts a walk over a whole document.
func Root(src string) Value {
	s := &Scanner{src: src, doneStart: -1}
	v, _ := s.read(s.space(0))
	return v
}

func (v Value) Kind() Kind { return v.kind }

// Exists is false for the zero Value, as Member gives for a missing key.
func (v Value) Exists() bool { return v.s != nil }

// IsNull is true for null and for a missing value.
func (v Value) IsNull() bool { return v.kind == Null || v.kind == Missing }

func (v Value) IsObject() bool { return v.kind == Object }

func (v Value) IsArray() bool { return v.kind == Array }

// Str is a string's text, unescaped; "" for anything else.
func (v Value) Str() string { return v.str }

// Num is a number's value; 0 for anything else.
func (v Value) Num() float64 { return v.num }

// Text is a string's text, or a number's or a boolean's as written (enums
// and ids sometimes arrive as numbers in hand-made files); "" otherwise.
func (v Value) Text() string {
	switch v.kind {
	case String:
		return v.str
	case Number, True, False:
		return v.raw
	}
	return ""
}

// Pos is where the value starts in the source.
func (v Value) Pos() int { return v.pos }

// Raw is the value's exact source text: a zero-copy substring. For an
// object or array that was just walked it costs nothing; otherwise one
// quick scan.
func (v Value) Raw() string {
	if v.kind != Object && v.kind != Array {
		return v.raw
	}
	return v.s.src[v.pos:v.End()]
}

// End is the index after the value in the source.
func (v Value) End() int {
	switch {
	case v.kind != Object && v.kind != Array:
		return v.pos + len(v.raw)
	case v.s.doneStart == v.pos && v.s.doneEnd > v.pos:
		return v.s.doneEnd
	}
	return v.s.skip(v.pos)
}

// Scanner is the scanner the value is walked by.
func (v Value) Scanner() *Scanner { return v.s }

// On is the value walked by another scanner over the same source (see Fork).
func (v Value) On(s *Scanner) Value {
	v.s = s
	return v
}

// Skip passes over an object or array at a quick bracket count, without
// checking it, and lets the walk that holds it go on after it: the caller
// must Check it, or walk it whole, later. It returns the value's end.
func (v Value) Skip() int {
	if v.kind != Object && v.kind != Array {
		return v.End()
	}
	v.s.doneStart, v.s.doneEnd = v.pos, v.s.skip(v.pos)
	return v.s.doneEnd
}

// Check checks the whole of v against JSON's grammar and returns its end.
func (v Value) Check() int { return v.s.skipValid(v.pos, v.depth) }

// Members calls fn for every member of an object, with its key as written,
// in order, until fn returns false. It checks the punctuation between them,
// and each member fn did not walk to its end.
func (v Value) Members(fn func(key string, m Value) bool) {
	if v.kind == Object {
		v.s.each(v, fn)
	}
}

// Elements calls fn for every element of an array, in order, until fn
// returns false, checking what fn did not walk.
func (v Value) Elements(fn func(e Value) bool) {
	if v.kind == Array {
		v.s.each(v, func(_ string, e Value) bool { return fn(e) })
	}
}

// Split is an array's elements, found at a quick bracket count (an object
// stands for itself, as PowerShell unwraps one-element arrays). Objects
// among them are only skipped: the caller walks each whole later, on this
// scanner or a fork, which checks it. Anything else is checked now.
func (v Value) Split() []Value {
	if v.kind == Object {
		return []Value{v}
	}
	var out []Value
	v.Elements(func(e Value) bool {
		out = append(out, e)
		if e.kind == Object {
			e.Skip()
		}
		return true
	})
	return out
}

// Run is a stretch of an array's elements, for one goroutine (see Runs).
type Run struct {
	arr    Value
	lo, hi int // its elements are those that start in [lo, hi); hi < 0: up to the array's end
	// What its walk found.
	began   int // where its first element starts; -1: it has none
	stopped int // where the next run's first element starts, once reached; -1: not reached
	end     int // after the array's "]", when its walk reached it; -1: not reached
}

// Runs cuts an array into n runs of elements, to be walked at once on as
// many goroutines (Run.Elements, each on a fork), then Join. Run j holds the
// elements that start in the j-th of n equal stretches of the bytes after
// the array's start. Nothing is read here: the first run is walked at once,
// and each other run finds its first element itself, at a quick bracket
// count from the array's start, while the runs before it are being walked.
// Each run's walk checks everything up to where the next run starts, and
// Join checks that the runs met there.
func (v Value) Runs(n int) []Run {
	if v.kind != Array {
		return nil
	}
	n = max(n, 1)
	stride := (len(v.s.src)-v.pos)/n + 1
	runs := make([]Run, n)
	for j := range runs {
		runs[j] = Run{arr: v, lo: v.pos + j*stride, hi: v.pos + (j+1)*stride, began: -1, stopped: -1, end: -1}
	}
	runs[n-1].hi = -1
	return runs
}

// Elements calls fn for every element of the run, with its index in the
// array, in order, until fn returns false. It walks them with s, which must
// be a scanner over the array's source (a fork for another goroutine), and
// checks what fn did not walk.
func (r *Run) Elements(s *Scanner, fn func(i int, e Value) bool) {
	outer := s.depth
	defer func() { s.depth = outer }()
	if s.depth = r.arr.depth + 1; s.depth > DepthLimit {
		s.deep = true
		s.fail()
		return
	}
	i, k := s.space(r.arr.pos+1), 0
	if s.at(i) == ']' {
		if r.lo == r.arr.pos {
			r.end = i + 1 // an empty array: the first run's to tell
		}
		return
	}
	for i < r.lo { // not the first run: on to its first element
		if i = s.space(s.skip(i)); s.at(i) != ',' {
			return // the array ends before this run's stretch (or bytes its walk refuses)
		}
		i = s.space(i + 1)
		k++
	}
	if r.hi >= 0 && i >= r.hi {
		r.stopped = i // no element starts in its stretch (a tiny array on many cores)
		return
	}
	r.began = i
	for ; !s.bad; k++ {
		e, end := s.read(i)
		if s.bad || !fn(k, e) {
			return
		}
		i = s.space(s.next(e, end))
		switch s.at(i) {
		case ',':
			if i = s.space(i + 1); r.hi >= 0 && i >= r.hi {
				r.stopped = i // the next run's first element
				return
			}
			continue
		case ']':
			r.end = i + 1
			return
		}
		s.fail()
	}
}

// Join takes back the runs of an array once they are walked: what their
// scanners found wrong, and, when they met one another and the last reached
// the array's end, that end, so that the walk that holds the array goes on
// after it. Runs that did not meet where the quick count cut are bytes that
// are not JSON.
func (v Value) Join(runs []Run, scanners ...*Scanner) {
	for _, o := range scanners {
		v.s.Absorb(o)
	}
	if v.s.bad {
		return
	}
	at, end := -1, -1 // where the next run must begin; the array's end, once reached
	for j, r := range runs {
		if end >= 0 { // the array ended in an earlier run: this one holds nothing
			if r.began >= 0 || r.stopped >= 0 {
				v.s.fail()
				return
			}
			continue
		}
		first := r.began
		if first < 0 {
			first = r.stopped // none of its own: it passes the next run's on
		}
		if j > 0 && first != at {
			// The walk and the quick count disagree on where elements
			// start: not on bytes the walks before accepted, but a cut
			// must never be taken on trust.
			v.s.fail()
			return
		}
		if r.end >= 0 {
			end = r.end
			continue
		}
		if r.stopped < 0 {
			return // cut short by fn: the end is not known
		}
		at = r.stopped
	}
	if end > v.pos {
		v.s.doneStart, v.s.doneEnd = v.pos, end
	}
}

// First is an array's first element, if it has one; the walk that reads
// the array checks it.
func (v Value) First() (Value, bool) {
	i := v.s.space(v.pos + 1)
	if c := v.s.at(i); c == ']' || c == 0 {
		return Value{}, false
	}
	e, _ := v.s.read(i)
	e.depth = v.depth + 1
	return e, true
}
