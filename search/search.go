// Package search finds the nodes of a loaded file whose values hold a
// text, ignoring case, in the background and on every core; IndexFold is
// the case folding the explorer highlights matches with.
package search

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/parallel"
	"github.com/callscope/callscope/jsonscan"
)

// Values calls hit for every node of f one of whose own values (strings
// and numbers, not keys) contains query, ignoring case. It reads the file
// once, stops early when ctx is done, and reports each node once.
func Values(ctx context.Context, f *data.File, query string, hit func(data.Place)) error {
	if query == "" {
		return nil
	}
	s := &searcher{ctx: ctx, q: query, hit: hit, last: nowhere}
	root := jsonscan.Root(f.Raw)
	switch f.Shape {
	case data.ShapeRecord:
		if f.Wrapped {
			root = root.Member("value")
		}
		s.record(root, 0)
	case data.ShapeSegments:
		s.place = data.Place{Rec: 0, Se: 0, Sg: -1, Md: -1, St: -1}
		list := root
		if root.IsObject() {
			list = s.values(root, "value")
		}
		s.children(list, func(g jsonscan.Value, j int) { s.segment(0, 0, g, j) })
	case data.ShapeSessions:
		s.place = data.Place{Rec: 0, Se: -1, Sg: -1, Md: -1, St: -1}
		list := root
		if root.IsObject() {
			list = s.values(root, "value")
		}
		s.sessions(list)
	default:
		list := root
		if root.IsObject() {
			list = root.Member("value")
		}
		s.children(list, s.record)
	}
	return ctx.Err()
}

// nowhere is before the first node: no node is reported yet.
var nowhere = data.Place{Rec: -2, Se: -2, Sg: -2, Md: -2, St: -2}

type searcher struct {
	ctx   context.Context
	q     string
	hit   func(data.Place)
	place data.Place
	last  data.Place // the last node reported, so each is reported once
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
func (s *searcher) children(arr jsonscan.Value, fn func(jsonscan.Value, int)) {
	if arr.IsObject() {
		fn(arr, 0)
		return
	}
	i := 0
	arr.Elements(func(e jsonscan.Value) bool {
		if !e.IsObject() && !e.IsArray() {
			return true
		}
		fn(e, i)
		i++
		return !s.stop()
	})
}

func (s *searcher) record(v jsonscan.Value, i int) {
	s.place = data.Place{Rec: i, Se: -1, Sg: -1, Md: -1, St: -1}
	s.sessions(s.values(v, "sessions"))
}

// searchWorkers caps the search's workers when above 0 (tests compare one
// worker with several).
var searchWorkers = 0

// sessions searches a big meeting's sessions on every core, each worker
// with its own scanner; hits are reported afterwards, in order.
func (s *searcher) sessions(arr jsonscan.Value) {
	if !arr.IsArray() {
		s.children(arr, s.session)
		return
	}
	var elems []jsonscan.Value
	for _, e := range arr.Split() {
		if e.IsObject() || e.IsArray() {
			elems = append(elems, e)
		}
	}
	workers := parallel.Workers(len(elems))
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
	found := make([][]data.Place, workers)
	parallel.Run(workers, func(w int) {
		lo, hi := w*len(elems)/workers, (w+1)*len(elems)/workers
		sub := &searcher{ctx: s.ctx, q: s.q, place: s.place, last: nowhere}
		sub.hit = func(p data.Place) { found[w] = append(found[w], p) }
		scan := arr.Scanner().Fork()
		for i := lo; i < hi && !sub.stop(); i++ {
			sub.session(elems[i].On(scan), i)
		}
	})
	for _, places := range found {
		for _, p := range places {
			s.report(p)
		}
	}
}

func (s *searcher) session(v jsonscan.Value, i int) {
	rec := s.place.Rec
	s.place = data.Place{Rec: rec, Se: i, Sg: -1, Md: -1, St: -1}
	s.children(s.values(v, "segments"), func(g jsonscan.Value, j int) { s.segment(rec, i, g, j) })
}

func (s *searcher) segment(rec, i int, g jsonscan.Value, j int) {
	s.place = data.Place{Rec: rec, Se: i, Sg: j, Md: -1, St: -1}
	s.children(s.values(g, "media"), func(m jsonscan.Value, k int) {
		s.place = data.Place{Rec: rec, Se: i, Sg: j, Md: k, St: -1}
		s.children(s.values(m, "streams"), func(st jsonscan.Value, l int) {
			s.place = data.Place{Rec: rec, Se: i, Sg: j, Md: k, St: l}
			s.values(st, "")
		})
	})
}

// values looks at every value of the node v, at any depth, except its
// child array (the member named child, returned: its elements are nodes of
// their own, walked next).
func (s *searcher) values(v jsonscan.Value, child string) jsonscan.Value {
	var kids jsonscan.Value
	var visit func(v jsonscan.Value, top bool)
	visit = func(v jsonscan.Value, top bool) {
		v.Fields(func(k string, m jsonscan.Value) bool {
			switch {
			case top && child != "" && k == child:
				kids = m // later duplicates win, as in the loader
			case m.IsObject() || m.IsArray():
				visit(m, false)
			case m.Kind() == jsonscan.String && ContainsFold(m.Str(), s.q),
				m.Kind() == jsonscan.Number && strings.Contains(m.Raw(), s.q):
				s.report(s.place)
			}
			return !s.stop()
		})
	}
	visit(v, true)
	return kids
}

func (s *searcher) report(p data.Place) {
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
