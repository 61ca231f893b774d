package load

import (
	"runtime"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/parallel"
	"github.com/callscope/callscope/jsonscan"
	"github.com/callscope/callscope/quality"
)

// A big meeting is thousands of independent sessions in one array, most of
// the file. It is cut into runs of sessions of about equal bytes, each
// parsed on a core of its own, checked by the walk that reads it, and each
// session judged as it is read. The first run is parsed at once; each other
// run finds where it starts at a quick bracket count, several times faster
// than parsing, while the runs before it are parsed (see jsonscan.Runs).

// parallelBytes is the size of a sessions array from which its parse is
// shared between the cores.
const parallelBytes = 1 << 20

// share is one worker's: a run of the array's elements.
type share struct {
	l        loader
	scan     *jsonscan.Scanner
	sessions []*data.Session
}

func (l *loader) sessions(v jsonscan.Value) []*data.Session {
	if !l.structured(v, "sessions") {
		return nil
	}
	if v.IsObject() { // PowerShell unwrapped a one-element array
		l.push("sessions", 0)
		s := l.session(v)
		l.pop()
		s.Index = -1
		quality.JudgeSession(s)
		return []*data.Session{s}
	}
	workers := 1
	if len(v.Scanner().Source())-v.Pos() >= parallelBytes {
		workers = runtime.GOMAXPROCS(0)
	}
	runs := v.Runs(workers)
	shares := make([]share, len(runs))
	parallel.Run(len(runs), func(j int) {
		p := &shares[j]
		p.l.path = append([]step(nil), l.path...)
		p.l.mem = l.mem
		// Each worker walks with its own scanner: the "last walked" marks
		// must not be shared.
		p.scan = v.Scanner().Fork()
		runs[j].Elements(p.scan, func(k int, e jsonscan.Value) bool {
			p.l.push("sessions", k)
			if p.l.structured(e, "") {
				s := p.l.session(e)
				s.Index = k
				quality.JudgeSession(s)
				p.sessions = append(p.sessions, s)
			}
			p.l.pop()
			return !p.scan.Failed()
		})
		p.l.flush(p.scan)
	})
	var out []*data.Session
	scans := make([]*jsonscan.Scanner, len(shares))
	for j := range shares {
		p := &shares[j]
		l.merge(&p.l)
		scans[j] = p.scan
		out = append(out, p.sessions...)
	}
	v.Join(runs, scans...)
	return out
}
