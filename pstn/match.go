package pstn

import (
	"strings"
	"time"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/text"
)

// Slack widens a call's or a leg's time when rows are looked for: the
// logs' clocks and the record's differ, and a row's start is when the SIP
// proxy saw the call, not when the record's segment began. Community
// scripts take one minute; five keep a slow answer or a long ring.
const Slack = 5 * time.Minute

// SourceStatus says how a source of rows came to be.
type SourceStatus uint8

const (
	Fetched   SourceStatus = iota // rows were read: fetched, or from a file
	Forbidden                     // Graph refused: 403
	Failed                        // the fetch failed otherwise
)

var sourceStatusWords = [...]string{Fetched: "fetched", Forbidden: "forbidden", Failed: "failed"}

func (s SourceStatus) String() string {
	if int(s) < len(sourceStatusWords) {
		return sourceStatusWords[s]
	}
	return "unknown"
}

// Source is where a call's rows came from: a fetch of one log over the
// call's time (saved beside the record), or a file given with --pstn-log.
type Source struct {
	Kind     Kind         // of the rows; Unknown for a file of several kinds
	Name     string       // the Graph function, or the file's name
	Status   SourceStatus // Fetched for files
	Error    string       // when not fetched: what Graph said, cleaned of tokens
	From, To time.Time    // the window a fetch asked for; zero for files
	Total    int          // the rows a fetch returned, of this call or not
	Rows     []*Row       // the rows kept: a fetch keeps only those about the call
}

// Status says what is known of a call's rows.
type Status uint8

const (
	NoLegs       Status = iota // no PSTN legs and no rows: nothing to say
	Matched                    // rows were matched to the call
	NotFetched                 // the call has PSTN legs, and no log was fetched or given
	NotPermitted               // a log was refused (403), and no rows came
	FetchFailed                // a log could not be fetched, and no rows came
	NotFound                   // the logs were read, and hold no rows of this call
)

var statusWords = [...]string{NoLegs: "no PSTN legs", Matched: "matched", NotFetched: "not fetched",
	NotPermitted: "not permitted", FetchFailed: "fetch failed", NotFound: "not found"}

func (s Status) String() string {
	if int(s) < len(statusWords) {
		return statusWords[s]
	}
	return "unknown"
}

// Match is a row matched to a call: on one of its legs, or on the call as a
// whole (Leg -1) when its correlationId names the call and no leg is
// clearly its own.
type Match struct {
	Row *Row
	Leg int    // index in Call.Legs; -1: the call's
	By  string // what matched, in words: "correlationId, number, trunk and time"
}

// Unmatched is a row about someone or some number on the call that fits
// none of its PSTN legs.
type Unmatched struct {
	Row *Row
	Why string
}

// Call is what the logs say about one call record.
type Call struct {
	Record    *data.Record
	Legs      []*Leg
	Matches   []Match     // in the sources' order
	Unmatched []Unmatched // in the sources' order
	Sources   []*Source
	Status    Status
	Note      string // when no row matched: why, in words; "" otherwise
}

// OnLeg are the matches of leg i (-1: of the call as a whole).
func (c *Call) OnLeg(i int) []Match {
	var out []Match
	for _, m := range c.Matches {
		if m.Leg == i {
			out = append(out, m)
		}
	}
	return out
}

// LegAt is the index of the leg at a session (se) and segment (sg; -1: the
// session itself), -1 when no leg is there: how a tree or details pane
// finds the rows of the node it shows (OnLeg).
func (c *Call) LegAt(se, sg int) int {
	for i, l := range c.Legs {
		if l.Session == se && l.Segment == sg {
			return i
		}
	}
	return -1
}

// At are the matches on the leg at a session and segment (see LegAt);
// none when no leg is there. The call's own matches are OnLeg(-1).
func (c *Call) At(se, sg int) []Match {
	if i := c.LegAt(se, sg); i >= 0 {
		return c.OnLeg(i)
	}
	return nil
}

// Window is the time a call's rows are looked for in: its start less Slack
// to its end plus Slack; ok is false when the record has no times at all.
func Window(r *data.Record) (from, to time.Time, ok bool) {
	start, end := r.Start, r.End
	for _, se := range r.Sessions {
		start = firstTime(start, se.Start)
		end = lastTime(end, se.End)
	}
	if start.IsZero() && end.IsZero() {
		return time.Time{}, time.Time{}, false
	}
	if start.IsZero() {
		start = end
	}
	if end.IsZero() || end.Before(start) {
		end = start
	}
	return start.Add(-Slack), end.Add(Slack), true
}

func overlaps(from, to, wFrom, wTo time.Time) bool {
	if from.IsZero() {
		return false
	}
	if to.IsZero() || to.Before(from) {
		to = from
	}
	return !from.After(wTo) && !to.Before(wFrom)
}

// MatchCall matches the rows of the sources to a record:
//
//   - A row is about the call when it is a Direct Routing row whose
//     correlationId is the call's id, or when, within the call's time
//     (Window), one of its numbers is a phone number on the call or its
//     userId is someone on the call. Other rows are other calls': they are
//     left out.
//   - A Direct Routing row with the call's correlationId goes to the leg
//     that fits it best: its caller or callee number the leg's (4), its
//     trunk the leg's SBC (2), its time within the leg's (1); a leg whose
//     SBC is another host is not it. Ties go to the leg that started
//     nearest the row. With no such leg it is the call's (Leg -1), unless
//     the call has one leg only.
//   - Any other row (Calling Plan rows, whose ids open no call record, and
//     Direct Routing rows of a transfer, which carry another correlationId)
//     goes to a leg only by a number of the leg, within the leg's time
//     (start − Slack, end + Slack), on no other host's SBC; the best fit as
//     above. Otherwise it is listed unmatched, with why.
//
// Only Direct Routing and Calling Plan rows are matched: SMS, dial-out and
// blocked-user rows are about no call.
func MatchCall(r *data.Record, sources []*Source) *Call {
	return matchCall(r, Legs(r), sources)
}

// matchCall is MatchCall with the record's legs found already.
func matchCall(r *data.Record, legs []*Leg, sources []*Source) *Call {
	c := &Call{Record: r, Legs: legs, Sources: sources}
	if !anyRows(sources) {
		// A big meeting's people and numbers take a tenth of its report
		// to gather: only rows need them.
		c.Status, c.Note = c.status()
		return c
	}
	wFrom, wTo, timed := Window(r)
	ids := callIDs(r)
	nums := callNumbers(r)
	for _, src := range sources {
		for _, row := range src.Rows {
			if row.DR == nil && row.CP == nil {
				continue
			}
			corr := r.ID != "" && strings.EqualFold(row.CallRecordID(), r.ID)
			from, to := row.span()
			inWindow := timed && overlaps(from, to, wFrom, wTo)
			numbered := anyNumber(row, nums)
			user := ids[strings.ToLower(row.User().ID)] && row.User().ID != ""
			if !corr && !(inWindow && (numbered || user)) {
				continue // another call's
			}
			leg, by := c.bestLeg(row, corr)
			switch {
			case leg >= 0 || corr:
				c.Matches = append(c.Matches, Match{Row: row, Leg: leg, By: by})
			default:
				c.Unmatched = append(c.Unmatched, Unmatched{Row: row, Why: c.why(row, numbered)})
			}
		}
	}
	c.Status, c.Note = c.status()
	return c
}

func anyRows(sources []*Source) bool {
	for _, s := range sources {
		if len(s.Rows) > 0 {
			return true
		}
	}
	return false
}

// bestLeg is the leg a row fits best, -1 for none, and what matched.
func (c *Call) bestLeg(row *Row, corr bool) (int, string) {
	best, bestScore := -1, -1
	var bestDist time.Duration
	var bestBy []string
	from, to := row.span()
	trunk := hostOf(row.Trunk())
	for i, leg := range c.Legs {
		sbc := hostOf(leg.SBC)
		if trunk != "" && sbc != "" && trunk != sbc {
			continue // the row went through another SBC
		}
		numbered := legNumber(row, leg)
		timely := overlaps(from, to, leg.Start.Add(-Slack), leg.End.Add(Slack))
		if !corr && !(numbered && timely) {
			continue
		}
		score := 0
		var by []string
		if corr {
			by = append(by, "correlationId")
		}
		if numbered {
			score += 4
			by = append(by, "number")
		}
		if trunk != "" && trunk == sbc {
			score += 2
			by = append(by, "trunk")
		}
		if timely {
			score++
			by = append(by, "time")
		}
		dist := absDur(row.Time().Sub(leg.Start))
		if score > bestScore || (score == bestScore && dist < bestDist) {
			best, bestScore, bestDist, bestBy = i, score, dist, by
		}
	}
	if corr && bestScore <= 0 && len(c.Legs) != 1 {
		return -1, "correlationId"
	}
	if best < 0 && corr {
		return -1, "correlationId"
	}
	return best, joinWords(bestBy)
}

func (c *Call) why(row *Row, numbered bool) string {
	from, to := row.Numbers()
	nums := strings.Trim(from+" → "+to, " →")
	rf, rt := row.span()
	for _, leg := range c.Legs {
		if legNumber(row, leg) && overlaps(rf, rt, leg.Start.Add(-Slack), leg.End.Add(Slack)) {
			return "its trunk " + row.Trunk() + " is not the SBC of the " + leg.Who
		}
	}
	other := ""
	if row.DR != nil && row.DR.CorrelationID != "" {
		other = "its correlationId " + row.DR.CorrelationID + " is another call record's, and "
	}
	switch {
	case !numbered:
		return other + "it is a call of " + userWords(row.User()) + ", who is on this call, but none of its numbers (" + nums + ") is on this call"
	}
	return other + "no PSTN leg of this call has its numbers (" + nums + ") at its time"
}

func userWords(u User) string {
	switch {
	case u.Name != "":
		return u.Name
	case u.UPN != "":
		return u.UPN
	}
	return "user " + u.ID
}

func (c *Call) status() (Status, string) {
	if len(c.Matches) > 0 {
		return Matched, ""
	}
	if len(c.Legs) == 0 && len(c.Unmatched) == 0 {
		return NoLegs, ""
	}
	if len(c.Sources) == 0 {
		return NotFetched, "the call has PSTN legs, and no PSTN or Direct Routing log was fetched or given: fetch the call with --id (its logs come with it), or give a saved log with --pstn-log FILE"
	}
	var refused, failed []string
	total, files := 0, false
	for _, s := range c.Sources {
		switch s.Status {
		case Forbidden:
			refused = append(refused, s.Name)
		case Failed:
			failed = append(failed, s.Name+" ("+s.Error+")")
		default:
			total += s.Total
			files = files || s.From.IsZero()
		}
	}
	switch {
	case len(refused) > 0:
		return NotPermitted, "Graph refused " + strings.Join(refused, " and ") + " (403): the app needs the application permission CallRecord-PstnCalls.Read.All or CallRecords.Read.All, with admin consent"
	case len(failed) > 0:
		return FetchFailed, "the logs could not be fetched: " + strings.Join(failed, "; ")
	}
	var where string
	if from, to, ok := Window(c.Record); ok && !files {
		where = " between " + text.TimeText(from) + " and " + text.TimeText(to)
		if others := total - len(c.Unmatched); others > 0 {
			where += " (" + text.Plural(others, "row") + " of other calls in that time)"
		}
	} else {
		where = " in the logs given"
	}
	if len(c.Unmatched) > 0 {
		return NotFound, "no log row fits a PSTN leg of this call" + where + "; " + text.Plural(len(c.Unmatched), "row") + " about its people or numbers are listed unmatched"
	}
	return NotFound, "no PSTN or Direct Routing log row for this call" + where
}

func anyNumber(row *Row, nums []string) bool {
	from, to := row.Numbers()
	for _, n := range nums {
		if sameNumber(from, n) || sameNumber(to, n) {
			return true
		}
	}
	return false
}

func legNumber(row *Row, leg *Leg) bool {
	return anyNumber(row, leg.Numbers)
}

// hostOf is a host name lower-cased without a trailing dot or a port; ""
// when s is no host name (an SBC named only by its product).
func hostOf(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, ".")
	if !strings.Contains(s, ".") {
		return ""
	}
	return s
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// joinWords is "a, b and c".
func joinWords(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}
