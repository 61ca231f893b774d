package participants

import (
	"strconv"
	"time"

	"github.com/callscope/callscope/data"
)

// Moment is who is in the call at one time: for the timeline's cursor,
// "14:10 UTC · 23 in the call · 3 with problems".
type Moment struct {
	Time time.Time
	// Sessions in progress (started, not yet ended) and how many of them
	// hold a problem (a failure, a poor stream, a problem finding).
	Sessions, SessionsWithProblems int
	// People are the participants with a session in progress, and how many
	// of them have a session in progress that holds a problem.
	People, PeopleWithProblems int
}

// Words is the moment without its time: "23 in the call · 3 with problems".
func (m Moment) Words() string {
	return strconv.Itoa(m.People) + " in the call · " + strconv.Itoa(m.PeopleWithProblems) + " with problems"
}

// Presence is a record's sessions with their people, indexed once so that
// moving the timeline's cursor costs one pass over the sessions.
type Presence struct {
	sessions []span
	people   int
}

type span struct {
	start, end time.Time
	problem    bool
	who        []int32 // the participants whose session it is (two in a peer-to-peer call)
}

// NewPresence indexes r's sessions by the participants of rows (see
// Build; rows[i].Sessions name the sessions).
func NewPresence(r *data.Record, rows []Row) *Presence {
	p := &Presence{sessions: make([]span, len(r.Sessions)), people: len(rows)}
	for i, se := range r.Sessions {
		p.sessions[i] = span{start: se.Start, end: se.End, problem: se.Quality.Problems() > 0}
	}
	for pi := range rows {
		for _, si := range rows[pi].Sessions {
			if si >= 0 && si < len(p.sessions) {
				p.sessions[si].who = append(p.sessions[si].who, int32(pi))
			}
		}
	}
	return p
}

// At is who is in the call at t: sessions that started at t or before and
// end after it. A session without both times is in no moment.
func (p *Presence) At(t time.Time) Moment {
	m := Moment{Time: t}
	// 0: not in the call; 1: in it; 2: in it with a problem.
	state := make([]uint8, p.people)
	for i := range p.sessions {
		s := &p.sessions[i]
		if s.start.IsZero() || s.end.IsZero() || t.Before(s.start) || !t.Before(s.end) {
			continue
		}
		m.Sessions++
		mark := uint8(1)
		if s.problem {
			m.SessionsWithProblems++
			mark = 2
		}
		for _, w := range s.who {
			state[w] = max(state[w], mark)
		}
	}
	for _, s := range state {
		if s > 0 {
			m.People++
		}
		if s == 2 {
			m.PeopleWithProblems++
		}
	}
	return m
}

// At is who is in r's call at t. It indexes the record each time: a view
// that moves a cursor keeps a Presence instead.
func At(r *data.Record, t time.Time) Moment { return NewPresence(r, Build(r)).At(t) }
