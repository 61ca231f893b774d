package data

import (
	"math"
	"runtime"
)

// A big meeting is thousands of independent sessions in one array, most of
// the file. They are parsed on every core at once without a first pass to
// find where each session starts: worker 0 parses from the first session;
// worker j > 0 first skips sessions at a quick bracket count (several times
// faster than parsing) to a point further on, claims the session that starts
// there, and parses from it to the end or to the next worker's claim, where
// the worker before it stops. The skipped bytes are checked by the worker
// that parses them; each hand-over is checked to land on the same session.

// parallelFrom is the session count from which other work on sessions
// (findings, search, redaction) is shared between the cores.
const parallelFrom = 256

// parallelBytes is the size of what follows a sessions array's start from
// which its parse is shared between the cores.
const parallelBytes = 1 << 20

// skipCost is skipping a byte over parsing it, measured: it sets where the
// workers start, so that each does about the same work.
const skipCost = 0.125

// claim is where a worker starts: a session's offset and index. pos < 0:
// the array ended before the worker's starting point.
type claim struct{ pos, index int }

// part is one worker's share.
type part struct {
	l        loader
	w        *walker
	sessions []*Session
	handed   bool // stopped where the next worker started
	end      int  // after the array's ']' when this part reached it, else -1
}

func (l *loader) sessions(v value) []*Session {
	if !l.structured(v, "sessions") {
		return nil
	}
	if v.IsObject() { // PowerShell unwrapped a one-element array
		l.push("sessions", 0)
		s := l.session(v)
		l.pop()
		s.Index = -1
		judgeSession(s)
		return []*Session{s}
	}
	src := v.w.src
	workers := 1
	if len(src)-v.pos >= parallelBytes {
		workers = runtime.GOMAXPROCS(0)
	}
	starts := startPoints(v.pos, len(src), workers)
	claims := make([]chan claim, workers+1)
	for j := range claims {
		claims[j] = make(chan claim, 1)
	}
	claims[workers] <- claim{pos: -1} // nobody after the last worker
	parts := make([]part, workers)
	inParallel(workers, func(j int) {
		p := &parts[j]
		p.l.path = append([]step(nil), l.path...)
		p.l.mem = l.mem
		// Each worker walks with its own walker: the "last walked" marks
		// must not be shared.
		p.w = &walker{src: src, doneStart: -1, depth: v.depth + 1}
		p.end = -1
		p.parse(v.pos, j, starts, claims)
		p.l.flush(p.w)
	})
	// The chain of hand-overs from worker 0 is the parse; a part off the
	// chain exists only when the bytes are not JSON, which the chain's
	// walk has then noticed.
	var out []*Session
	for j := range parts {
		p := &parts[j]
		l.merge(&p.l)
		v.w.bad = v.w.bad || p.w.bad
		v.w.deep = v.w.deep || p.w.deep
		out = append(out, p.sessions...)
		if !p.handed {
			if p.end > 0 {
				v.w.doneStart, v.w.doneEnd = v.pos, p.end
			}
			break
		}
	}
	return out
}

// startPoints are the offsets from which workers 1.. claim their first
// session, between from and to: worker j skips to its point and then parses
// a stretch shorter by what it skipped, so that all finish together.
func startPoints(from, to, workers int) []int {
	n := float64(workers)
	stretch := skipCost / (1 - math.Pow(1-skipCost, n)) // the first worker's share
	points := make([]int, workers+1)
	f := 0.0
	for j := 1; j <= workers; j++ {
		f = f*(1-skipCost) + stretch
		points[j] = from + int(f*float64(to-from))
	}
	points[workers] = math.MaxInt // the last worker goes to the end
	return points
}

// parse is worker j's share of the sessions array that starts at arr.
func (p *part) parse(arr, j int, starts []int, claims []chan claim) {
	w := p.w
	start := claim{pos: arr + 1}
	sent := j == 0
	defer func() {
		if !sent {
			claims[j] <- claim{pos: -1} // a panic here must not leave the worker before waiting
		}
	}()
	if j > 0 {
		start = w.skipTo(arr+1, starts[j])
		claims[j] <- start
		sent = true
		if start.pos < 0 {
			return
		}
	}
	k := start.index
	var next *claim
	p.end = w.eachFrom(start.pos, j == 0, func(e value) bool {
		if e.pos >= starts[j+1] {
			if next == nil {
				c := <-claims[j+1]
				next = &c
			}
			switch {
			case next.pos == e.pos:
				p.handed = true
				return false
			case next.pos >= 0:
				w.fail() // the skip and the walk disagree: not JSON
				return false
			}
		}
		p.l.push("sessions", k)
		if p.l.structured(e, "") {
			s := p.l.session(e)
			s.Index = k
			judgeSession(s)
			p.sessions = append(p.sessions, s)
		}
		p.l.pop()
		k++
		return true
	})
}

// skipTo passes over the elements of the array whose '[' is just before i,
// at a quick skip, to the first that starts at or after target. What it
// passes over is left for the worker before to check.
func (w *walker) skipTo(i, target int) claim {
	i = w.space(i)
	if w.at(i) == ']' {
		return claim{pos: -1}
	}
	for k := 0; ; k++ {
		if i >= target {
			return claim{i, k}
		}
		i = w.space(w.skip(i))
		if w.at(i) != ',' {
			return claim{pos: -1} // the end, or bytes the checked walk will refuse
		}
		i = w.space(i + 1)
	}
}

// eachFrom walks array elements from i, which is just after the '[' when
// first is set and otherwise where an element starts, checking the commas
// and the closing bracket. It returns the index after the ']', or -1 when fn
// stopped the walk or the bytes are not JSON.
func (w *walker) eachFrom(i int, first bool, fn func(e value) bool) int {
	i = w.space(i)
	if first && w.at(i) == ']' {
		return i + 1
	}
	for !w.bad {
		m, e := w.read(i)
		if w.bad || !fn(m) {
			return -1
		}
		i = w.space(w.next(m, e))
		switch w.at(i) {
		case ',':
			i = w.space(i + 1)
			continue
		case ']':
			return i + 1
		}
		w.fail()
	}
	return -1
}

// merge takes in what a worker's loader noticed, in order.
func (l *loader) merge(o *loader) {
	for _, p := range o.problems {
		if len(l.problems) < maxProblems {
			l.problems = append(l.problems, p)
		}
	}
	l.nProblems += o.nProblems
	if l.truncated == "" {
		l.truncated = o.truncated
	}
	l.sessionsRead += o.sessionsRead
	l.noSegments += o.noSegments
	if o.over && !l.over {
		l.over, l.overAt = true, o.overAt
	}
	for k, n := range o.nextLinks {
		l.nextLink(k)
		l.nextLinks[k] += n - 1
	}
}
