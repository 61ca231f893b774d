// Package search finds the nodes of a loaded file whose values hold a
// text, ignoring case, in the background and on every core; IndexFold is
// the case folding the explorer highlights matches with.
package search

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/parallel"
	"github.com/callscope/callscope/jsonscan"
)

// Values calls hit for every node of f one of whose own values (strings
// and numbers, not keys) contains query, ignoring case. It reads the file
// once, stops early when ctx is done, and reports each node once, a node
// before the nodes under it.
//
// The load checked the file, so the walk checks nothing again: each node
// walks its child array in place, as it comes to it, and a node's
// children's hits are held until the node's own values are all seen.
// (Walking the child array afterwards checked it twice: half the time of
// a search.)
func Values(ctx context.Context, f *data.File, query string, hit func(data.Place)) error {
	if query == "" {
		return nil
	}
	s := &searcher{ctx: ctx, q: query}
	root := jsonscan.Root(f.Raw)
	switch f.Shape {
	case data.ShapeRecord:
		if f.Wrapped {
			root = root.Member("value")
		}
		s.record(root, 0)
	case data.ShapeSegments:
		s.place = data.Place{Rec: 0, Se: 0, Sg: -1, Md: -1, St: -1}
		s.list(root, func(list jsonscan.Value) {
			s.children(list, func(g jsonscan.Value, j int) { s.segment(0, 0, g, j) })
		})
	case data.ShapeSessions:
		s.place = data.Place{Rec: 0, Se: -1, Sg: -1, Md: -1, St: -1}
		s.list(root, s.sessions)
	default:
		list := root
		if root.IsObject() {
			list = root.Member("value")
		}
		s.children(list, func(v jsonscan.Value, i int) {
			s.record(v, i)
			s.flush(hit) // a record's hits as soon as it is searched
		})
	}
	s.flush(hit)
	return ctx.Err()
}

type searcher struct {
	ctx   context.Context
	q     string
	place data.Place   // the node being walked
	held  []data.Place // the hits found, in order, not yet reported
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

// flush reports the hits held, unless the search was cancelled.
func (s *searcher) flush(hit func(data.Place)) {
	for _, p := range s.held {
		if s.done {
			break
		}
		hit(p)
	}
	s.held = s.held[:0]
}

// list walks the array of a collection root, or the array itself.
func (s *searcher) list(root jsonscan.Value, walk func(jsonscan.Value)) {
	if root.IsObject() {
		s.node(root, "value", walk)
		return
	}
	walk(root)
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
	s.node(v, "sessions", s.sessions)
}

// searchWorkers caps the search's workers when above 0 (tests compare one
// worker with several).
var searchWorkers = 0

// parallelBytes is how much of the source from a sessions array on makes
// it worth sharing the array's search between the cores (the loader's
// measure, see load.parallelBytes).
const parallelBytes = 1 << 20

// sessions searches a big meeting's sessions on every core, in runs of
// about equal bytes (jsonscan.Runs), each worker with its own scanner.
// The hits are held in order: each worker's, its sessions numbered from
// where the runs before it ended.
func (s *searcher) sessions(arr jsonscan.Value) {
	workers := runtime.GOMAXPROCS(0)
	if searchWorkers > 0 {
		workers = min(workers, searchWorkers)
	}
	if !arr.IsArray() || workers < 2 || len(arr.Scanner().Source())-arr.Pos() < parallelBytes {
		s.children(arr, s.session)
		return
	}
	type share struct {
		held  []data.Place
		nodes int // the sessions the run holds
		scan  *jsonscan.Scanner
	}
	runs := arr.Runs(workers)
	shares := make([]share, len(runs))
	parallel.Run(len(runs), func(w int) {
		p := &shares[w]
		p.scan = arr.Scanner().Fork()
		sub := &searcher{ctx: s.ctx, q: s.q, place: s.place}
		runs[w].Elements(p.scan, func(_ int, e jsonscan.Value) bool {
			if !e.IsObject() && !e.IsArray() {
				return true
			}
			sub.session(e, p.nodes)
			p.nodes++
			return !sub.stop()
		})
		p.held = sub.held
	})
	scans := make([]*jsonscan.Scanner, len(shares))
	first := 0
	for w, p := range shares {
		for _, h := range p.held {
			h.Se += first
			s.held = append(s.held, h)
		}
		first += p.nodes
		scans[w] = p.scan
	}
	arr.Join(runs, scans...)
	s.done = s.done || s.ctx.Err() != nil
}

func (s *searcher) session(v jsonscan.Value, i int) {
	rec := s.place.Rec
	s.place = data.Place{Rec: rec, Se: i, Sg: -1, Md: -1, St: -1}
	s.node(v, "segments", func(kids jsonscan.Value) {
		s.children(kids, func(g jsonscan.Value, j int) { s.segment(rec, i, g, j) })
	})
}

func (s *searcher) segment(rec, i int, g jsonscan.Value, j int) {
	s.place = data.Place{Rec: rec, Se: i, Sg: j, Md: -1, St: -1}
	s.node(g, "media", func(kids jsonscan.Value) {
		s.children(kids, func(m jsonscan.Value, k int) {
			s.place = data.Place{Rec: rec, Se: i, Sg: j, Md: k, St: -1}
			s.node(m, "streams", func(kids jsonscan.Value) {
				s.children(kids, func(st jsonscan.Value, l int) {
					s.place = data.Place{Rec: rec, Se: i, Sg: j, Md: k, St: l}
					s.node(st, "", nil)
				})
			})
		})
	})
}

// node looks at every value of the node v, at any depth, and holds a hit
// for it if one contains the query. Its child array (the member named
// child) is handed to walk as the walk comes to it: the hits under the
// node are held after the node's own.
func (s *searcher) node(v jsonscan.Value, child string, walk func(jsonscan.Value)) {
	here := s.place
	mark := len(s.held)
	own := false
	var visit func(v jsonscan.Value, top bool)
	visit = func(v jsonscan.Value, top bool) {
		v.Fields(func(k string, m jsonscan.Value) bool {
			switch {
			case top && walk != nil && k == child:
				s.held = s.held[:mark] // later duplicates win, as in the loader
				walk(m)
				s.place = here
			case m.IsObject() || m.IsArray():
				visit(m, false)
			case own: // one hit is enough
			case m.Kind() == jsonscan.String && ContainsFold(m.Str(), s.q),
				m.Kind() == jsonscan.Number && strings.Contains(m.Raw(), s.q):
				own = true
			}
			return !s.stop()
		})
	}
	visit(v, true)
	if own {
		s.held = slices.Insert(s.held, mark, here)
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
