package data

import (
	"context"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// Place names a node by its positions in the model's slices (not in the
// source arrays): Se, Sg, Md, St are -1 below the node's level.
type Place struct {
	Rec, Se, Sg, Md, St int
}

// SearchValues calls hit for every node one of whose own values (strings
// and numbers, not keys) contains query, ignoring case. It reads the file
// once, stops early when ctx is done, and reports each node once.
func (f *File) SearchValues(ctx context.Context, query string, hit func(Place)) error {
	if query == "" {
		return nil
	}
	s := &searcher{ctx: ctx, q: query, hit: hit, last: Place{-2, -2, -2, -2, -2}}
	root := rootValue(f.raw)
	switch f.Shape {
	case ShapeRecord:
		if f.wrapped {
			root = member(root, "value")
		}
		s.record(root, 0)
	case ShapeSegments:
		s.place = Place{0, 0, -1, -1, -1}
		list := root
		if root.IsObject() {
			list = s.values(root, "value")
		}
		s.children(list, func(g value, j int) { s.segment(0, 0, g, j) })
	case ShapeSessions:
		s.place = Place{0, -1, -1, -1, -1}
		list := root
		if root.IsObject() {
			list = s.values(root, "value")
		}
		s.sessions(list)
	default:
		list := root
		if root.IsObject() {
			list = member(root, "value")
		}
		s.children(list, s.record)
	}
	return ctx.Err()
}

// member finds an object's member by normalised key.
func member(obj value, key string) value {
	var out value
	forEachMember(obj, func(k string, v value) bool {
		if k == key {
			out = v
		}
		return true
	})
	return out
}

type searcher struct {
	ctx   context.Context
	q     string
	hit   func(Place)
	place Place
	last  Place // the last node reported, so each is reported once
	ticks int
	done  bool // ctx ended: stop walking
}

// stop tells whether to stop; it asks ctx only now and then, as ctx.Err
// takes a lock and a big file has millions of values.
func (s *searcher) stop() bool {
	if s.ticks++; s.ticks&4095 == 1 {
		s.done = s.ctx.Err() != nil
	}
	return s.done
}

// children walks an array's elements as the loader keeps them (it drops
// nulls and other scalars), numbering them as the model's slices do. A
// PowerShell export may give a lone object for a one-element array.
func (s *searcher) children(arr value, fn func(value, int)) {
	if arr.IsObject() {
		fn(arr, 0)
		return
	}
	i := 0
	forEachRaw(arr, func(_ string, e value) bool {
		if !e.IsObject() && !e.IsArray() {
			return true
		}
		fn(e, i)
		i++
		return !s.stop()
	})
}

func (s *searcher) record(v value, i int) {
	s.place = Place{i, -1, -1, -1, -1}
	s.sessions(s.values(v, "sessions"))
}

// searchWorkers caps the search's workers when above 0 (tests compare one
// worker with several).
var searchWorkers = 0

// sessions searches a big meeting's sessions on every core, each worker
// with its own walker; hits are reported afterwards, in order.
func (s *searcher) sessions(arr value) {
	if !arr.IsArray() {
		s.children(arr, s.session)
		return
	}
	var elems []value
	for _, e := range elements(arr) {
		if e.IsObject() || e.IsArray() {
			elems = append(elems, e)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(elems)/parallelFrom+1)
	if searchWorkers > 0 {
		workers = min(workers, searchWorkers)
	}
	if workers < 2 {
		for i, e := range elems {
			if s.stop() {
				return
			}
			s.session(e, i)
		}
		return
	}
	found := make([][]Place, workers)
	inParallel(workers, func(w int) {
		lo, hi := w*len(elems)/workers, (w+1)*len(elems)/workers
		sub := &searcher{ctx: s.ctx, q: s.q, place: s.place, last: Place{-2, -2, -2, -2, -2}}
		sub.hit = func(p Place) { found[w] = append(found[w], p) }
		wk := &walker{src: arr.w.src, doneStart: -1}
		for i := lo; i < hi && !sub.stop(); i++ {
			e := elems[i]
			e.w = wk
			sub.session(e, i)
		}
	})
	for _, places := range found {
		for _, p := range places {
			s.report(p)
		}
	}
}

func (s *searcher) session(v value, i int) {
	rec := s.place.Rec
	s.place = Place{rec, i, -1, -1, -1}
	s.children(s.values(v, "segments"), func(g value, j int) { s.segment(rec, i, g, j) })
}

func (s *searcher) segment(rec, i int, g value, j int) {
	s.place = Place{rec, i, j, -1, -1}
	s.children(s.values(g, "media"), func(m value, k int) {
		s.place = Place{rec, i, j, k, -1}
		s.children(s.values(m, "streams"), func(st value, l int) {
			s.place = Place{rec, i, j, k, l}
			s.values(st, "")
		})
	})
}

// values looks at every value of the node v, at any depth, except its
// child array (the member named child, returned: its elements are nodes of
// their own, walked next).
func (s *searcher) values(v value, child string) value {
	var kids value
	var visit func(v value, top bool)
	visit = func(v value, top bool) {
		forEachMember(v, func(k string, m value) bool {
			switch {
			case top && child != "" && k == child:
				kids = m // later duplicates win, as in the loader
			case m.Type == gjson.JSON:
				visit(m, false)
			case m.Type == gjson.String && ContainsFold(m.Str, s.q),
				m.Type == gjson.Number && strings.Contains(m.raw, s.q):
				s.report(s.place)
			}
			return !s.stop()
		})
	}
	visit(v, true)
	return kids
}

func (s *searcher) report(p Place) {
	if p != s.last && !s.done {
		s.last = p
		s.hit(p)
	}
}

// ContainsFold is strings.Contains ignoring case; see IndexFold. Search
// and its highlighting both use these two.
func ContainsFold(s, q string) bool {
	if q == "" {
		return true
	}
	i, _ := IndexFold(s, q)
	return i >= 0
}

// IndexFold finds q in s ignoring case, rune by rune with strings.EqualFold
// (so K, the Kelvin sign, matches k, and folds that change byte lengths
// can neither mislead nor overrun), without allocating. It returns the byte
// span of the first match in s, or -1, -1 (also for an empty q).
func IndexFold(s, q string) (int, int) {
	n := utf8.RuneCountInString(q)
	if n == 0 {
		return -1, -1
	}
	first, _ := utf8.DecodeRuneInString(q)
	ascii := first < utf8.RuneSelf && first != 'k' && first != 'K' && first != 's' && first != 'S'
	lower := toLowerASCII(byte(first))
	for i := 0; i < len(s); {
		if ascii && toLowerASCII(s[i]) != lower {
			i++ // the cheap test first; k and s have non-ASCII folds (K, ſ)
			continue
		}
		j, k := i, 0
		for k < n && j < len(s) {
			_, size := utf8.DecodeRuneInString(s[j:])
			j += size
			k++
		}
		if k == n && strings.EqualFold(s[i:j], q) {
			return i, j
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return -1, -1
}

func toLowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
