package search

// The search's walk as it was before issue 13 (it checked every nested
// array again after the load had), kept to prove the new walk finds the
// same nodes in the same order.

import (
	"context"
	"strings"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/parallel"
	"github.com/callscope/callscope/jsonscan"
)

// oldValues is the walk before issue 13, kept to compare with: Values calls hit for every node of f one of whose own values (strings
// and numbers, not keys) contains query, ignoring case. It reads the file
// once, stops early when ctx is done, and reports each node once.
func oldValues(ctx context.Context, f *data.File, query string, hit func(data.Place)) error {
	if query == "" {
		return nil
	}
	s := &oldSearcher{ctx: ctx, q: query, hit: hit, last: oldNowhere}
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

// oldNowhere is before the first node: no node is reported yet.
var oldNowhere = data.Place{Rec: -2, Se: -2, Sg: -2, Md: -2, St: -2}

type oldSearcher struct {
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
func (s *oldSearcher) stop() bool {
	if s.ticks++; s.ticks&4095 == 1 {
		s.done = s.ctx.Err() != nil
	}
	return s.done
}

// children walks an array's elements as the loader keeps them (it drops
// nulls and other scalars), numbering them as the model's slices do. A
// PowerShell export may give a lone object for a one-element array.
func (s *oldSearcher) children(arr jsonscan.Value, fn func(jsonscan.Value, int)) {
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

func (s *oldSearcher) record(v jsonscan.Value, i int) {
	s.place = data.Place{Rec: i, Se: -1, Sg: -1, Md: -1, St: -1}
	s.sessions(s.values(v, "sessions"))
}

// oldSearchWorkers caps the search's workers when above 0 (tests compare one
// worker with several).
var oldSearchWorkers = 0

// sessions searches a big meeting's sessions on every core, each worker
// with its own scanner; hits are reported afterwards, in order.
func (s *oldSearcher) sessions(arr jsonscan.Value) {
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
	if oldSearchWorkers > 0 {
		workers = min(workers, oldSearchWorkers)
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
		sub := &oldSearcher{ctx: s.ctx, q: s.q, place: s.place, last: oldNowhere}
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

func (s *oldSearcher) session(v jsonscan.Value, i int) {
	rec := s.place.Rec
	s.place = data.Place{Rec: rec, Se: i, Sg: -1, Md: -1, St: -1}
	s.children(s.values(v, "segments"), func(g jsonscan.Value, j int) { s.segment(rec, i, g, j) })
}

func (s *oldSearcher) segment(rec, i int, g jsonscan.Value, j int) {
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
func (s *oldSearcher) values(v jsonscan.Value, child string) jsonscan.Value {
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

func (s *oldSearcher) report(p data.Place) {
	if p != s.last && !s.done {
		s.last = p
		s.hit(p)
	}
}
