package export

import (
	"strings"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/jqpath"
)

// sessionRow is what one session's row is made from.
type sessionRow struct {
	c              *Call
	se             *data.Session
	path           string
	caller, callee side
}

// Sessions has one row per session.
var Sessions = sessionsTable(sessionColumns())

func sessionsTable(cols []col[*sessionRow]) *Table {
	t := newTable("sessions", cols)
	lv := levelsOf(cols)
	t.units = func(c *Call) int { return len(c.Record.Sessions) }
	t.rows = func(c *Call, lo, hi int, row []Value, emit func([]Value, level)) {
		x := sessionRow{c: c}
		eachRow(cols, &lv, &x, row, lo, hi, func(i int) {
			se := c.Record.Sessions[i]
			x.se = se
			x.path = jqpath.Of(c.File, c.Record, se, nil, nil, nil)
			x.caller, x.callee = c.side(&se.Caller), c.side(&se.Callee)
		}, emit)
	}
	return t
}

func sessionColumns() []col[*sessionRow] {
	type C = col[*sessionRow]
	type X = *sessionRow
	cols := lift(callColumns(), func(x X) *Call { return x.c })
	q := func(x X) data.Rollup { return x.se.Quality }
	cols = append(cols, at(lvStream,
		C{Column: Column{Name: "SessionId", Type: String, CRI: true, Doc: "the session's `id`"}, get: func(x X) Value { return str(x.se.ID) }},
		C{Column: Column{Name: "SessionStartTime", Type: Time, CRI: true, Doc: "`startDateTime`"}, get: func(x X) Value { return instant(x.se.Start) }},
		C{Column: Column{Name: "SessionEndTime", Type: Time, CRI: true, Doc: "`endDateTime`"}, get: func(x X) Value { return instant(x.se.End) }},
		C{Column: Column{Name: "FailureStage", Type: String, CRI: true, Dict: true, Doc: "`failureInfo.stage`"}, get: func(x X) Value { return failureStage(x.se.Failure) }},
		C{Column: Column{Name: "FailureReason", Type: String, CRI: true, Dict: true, Doc: "`failureInfo.reason`"}, get: func(x X) Value { return failureReason(x.se.Failure) }},
		C{Column: Column{Name: "Path", Type: String, Doc: "the session's jq path in its file"}, get: func(x X) Value { return str(x.path) }},
		C{Column: Column{Name: "Modalities", Type: Strings, Doc: "`modalities`"}, get: func(x X) Value { return list(x.se.Modalities) }},
		C{Column: Column{Name: "IsTest", Type: Bool, Doc: "`isTest`"}, get: func(x X) Value { return optBool(x.se.IsTest) }},
		C{Column: Column{Name: "SegmentCount", Type: Int, Doc: "segments in the session"}, get: func(x X) Value { return integer(int64(len(x.se.Segments))) }},
		C{Column: Column{Name: "StreamCount", Type: Int, Doc: "streams in the session"}, get: func(x X) Value { return integer(int64(q(x).Streams())) }},
		C{Column: Column{Name: "GoodStreams", Type: Int, Doc: "its streams judged good"}, get: func(x X) Value { return integer(int64(q(x).Good)) }},
		C{Column: Column{Name: "PoorStreams", Type: Int, Doc: "its streams judged poor"}, get: func(x X) Value { return integer(int64(q(x).Poor)) }},
		C{Column: Column{Name: "UnclassifiedStreams", Type: Int, Doc: "its streams left unclassified"}, get: func(x X) Value { return integer(int64(q(x).Unclassified)) }},
		C{Column: Column{Name: "Failures", Type: Int, Doc: "its failureInfo (a segment's that repeats the session's counts once)"}, get: func(x X) Value { return integer(int64(q(x).Failures)) }},
		C{Column: Column{Name: "State", Type: String, Dict: true, Doc: "the session's mark in the explorer: failed, problem, good or unclassified"}, get: func(x X) Value { return str(q(x).State().String()) }},
		C{Column: Column{Name: "Who", Type: String, Doc: "the session as the explorer names it: its participant, else caller → callee"}, get: func(x X) Value { return str(x.c.Names.SessionWho(x.se)) }},
	)...)
	for _, p := range []struct {
		prefix string
		of     func(X) *side
	}{{"Caller_", func(x X) *side { return &x.caller }}, {"Callee_", func(x X) *side { return &x.callee }}} {
		cols = append(cols, at(lvStream, lift(endpointColumns(p.prefix), p.of)...)...)
	}
	return cols
}

// endpointColumns name a session's or participant's endpoint briefly.
func endpointColumns(p string) []col[*side] {
	type C = col[*side]
	type S = *side
	return []C{
		{Column: Column{Name: p + "Name", Type: String, Doc: "the endpoint as the explorer names it"}, get: func(s S) Value { return str(s.name) }},
		{Column: Column{Name: p + "Kind", Type: String, Dict: true, Doc: "what it is: user, phone, Conference server, …"}, get: func(s S) Value { return str(s.kind) }},
		{Column: Column{Name: p + "Id", Type: String, CRI: true, Doc: "its identity id"}, get: func(s S) Value { return str(s.id.ID) }},
		{Column: Column{Name: p + "UserPrincipalName", Type: String, CRI: true, Doc: "its UPN"}, get: func(s S) Value { return str(s.id.UserPrincipalName) }},
		{Column: Column{Name: p + "Platform", Type: String, CRI: true, Dict: true, Doc: "`userAgent.platform`"}, get: func(s S) Value { return str(s.e.UserAgent.Platform) }},
		{Column: Column{Name: p + "ProductFamily", Type: String, CRI: true, Dict: true, Doc: "`userAgent.productFamily`"}, get: func(s S) Value { return str(s.e.UserAgent.ProductFamily) }},
		{Column: Column{Name: p + "ServiceRole", Type: String, CRI: true, Dict: true, Doc: "`userAgent.role`"}, get: func(s S) Value { return str(s.e.UserAgent.Role) }},
	}
}

// Findings has one row per finding, as the JSON report lists them (most
// severe first).
var Findings = findingsTable(findingColumns())

type findingRow struct {
	c    *Call
	f    *data.Finding
	path string
}

func findingColumns() []col[*findingRow] {
	type C = col[*findingRow]
	type X = *findingRow
	cols := lift(callColumns(), func(x X) *Call { return x.c })
	return append(cols, at(lvStream,
		C{Column: Column{Name: "SessionId", Type: String, CRI: true, Doc: "the session's `id`; null for the call as a whole"}, get: func(x X) Value { return str(x.f.Session) }},
		C{Column: Column{Name: "Severity", Type: String, Dict: true, Doc: "problem, warning or info"}, get: func(x X) Value { return str(x.f.Severity.String()) }},
		C{Column: Column{Name: "IsFailure", Type: Bool, Doc: "a failureInfo"}, get: func(x X) Value { return boolean(x.f.Failure) }},
		C{Column: Column{Name: "Who", Type: String, Doc: "whom it concerns, as the report names them"}, get: func(x X) Value { return str(x.f.Who) }},
		C{Column: Column{Name: "Text", Type: String, Doc: "what, and how much: \"Wi-Fi signal 38 % on 2.4 GHz\""}, get: func(x X) Value { return str(x.f.Text) }},
		C{Column: Column{Name: "Path", Type: String, Doc: "the jq path of the session, segment, media or stream it concerns"}, get: func(x X) Value { return str(x.path) }},
	)...)
}

func findingsTable(cols []col[*findingRow]) *Table {
	t := newTable("findings", cols)
	t.findings = true
	lv := levelsOf(cols)
	t.units = func(c *Call) int {
		c.findings = c.Record.Findings
		return len(c.findings)
	}
	t.rows = func(c *Call, lo, hi int, row []Value, emit func([]Value, level)) {
		x := findingRow{c: c}
		eachRow(cols, &lv, &x, row, lo, hi, func(i int) {
			x.f = &c.findings[i]
			x.path = placePath(c, x.f.At)
		}, emit)
	}
	return t
}

// placePath is the jq path of a finding's place, "" when it lies outside
// the record's sessions (the call as a whole).
func placePath(c *Call, at data.Place) string {
	r := c.Record
	if at.Se < 0 || at.Se >= len(r.Sessions) {
		return ""
	}
	se := r.Sessions[at.Se]
	var sg *data.Segment
	var m *data.Media
	var st *data.Stream
	if at.Sg >= 0 && at.Sg < len(se.Segments) {
		sg = se.Segments[at.Sg]
		if at.Md >= 0 && at.Md < len(sg.Media) {
			m = sg.Media[at.Md]
			if at.St >= 0 && at.St < len(m.Streams) {
				st = m.Streams[at.St]
			}
		}
	}
	return jqpath.Of(c.File, r, se, sg, m, st)
}

// Participants has one row per participant of each call, as the explorer's
// participants view lists them.
var Participants = participantsTable(participantColumns())

type participantRow struct {
	c   *Call
	p   *data.Person
	id  string
	upn string
}

func participantColumns() []col[*participantRow] {
	type C = col[*participantRow]
	type X = *participantRow
	cols := lift(callColumns(), func(x X) *Call { return x.c })
	return append(cols, at(lvStream,
		C{Column: Column{Name: "ParticipantId", Type: String, Doc: "the participant's id (`participants_v2[].id`, else an identity id); null when the record names them only by name"}, get: func(x X) Value { return str(x.id) }},
		C{Column: Column{Name: "UserPrincipalName", Type: String, Doc: "their UPN, when the record gives one"}, get: func(x X) Value { return str(x.upn) }},
		C{Column: Column{Name: "Name", Type: String, Doc: "display name or phone number, as the explorer names them"}, get: func(x X) Value { return str(x.p.Name) }},
		C{Column: Column{Name: "Kind", Type: String, Dict: true, Doc: "user, phone, guest, Auto attendant, …"}, get: func(x X) Value { return str(x.p.Kind) }},
		C{Column: Column{Name: "IsOrganizer", Type: Bool, Doc: "the call's organizer"}, get: func(x X) Value { return boolean(x.id != "" && strings.EqualFold(x.id, organizerID(x.c.Record))) }},
		C{Column: Column{Name: "SessionCount", Type: Int, Doc: "their sessions in the call"}, get: func(x X) Value { return integer(int64(len(x.p.Sessions))) }},
		C{Column: Column{Name: "GoodStreams", Type: Int, Doc: "streams of their sessions judged good"}, get: func(x X) Value { return integer(int64(x.p.Quality.Good)) }},
		C{Column: Column{Name: "PoorStreams", Type: Int, Doc: "… judged poor"}, get: func(x X) Value { return integer(int64(x.p.Quality.Poor)) }},
		C{Column: Column{Name: "UnclassifiedStreams", Type: Int, Doc: "… left unclassified"}, get: func(x X) Value { return integer(int64(x.p.Quality.Unclassified)) }},
		C{Column: Column{Name: "Failures", Type: Int, Doc: "failureInfo in their sessions"}, get: func(x X) Value { return integer(int64(x.p.Quality.Failures)) }},
		C{Column: Column{Name: "Platforms", Type: Strings, Doc: "client platforms seen on their side, first seen first"}, get: func(x X) Value { return list(x.p.Platforms) }},
		C{Column: Column{Name: "Connections", Type: Strings, Doc: "connection types seen on their side (wired, wifi, …)"}, get: func(x X) Value { return list(x.p.Connections) }},
	)...)
}

func participantsTable(cols []col[*participantRow]) *Table {
	t := newTable("participants", cols)
	lv := levelsOf(cols)
	t.units = func(c *Call) int {
		c.people = c.Record.People()
		return len(c.people)
	}
	t.rows = func(c *Call, lo, hi int, row []Value, emit func([]Value, level)) {
		x := participantRow{c: c}
		eachRow(cols, &lv, &x, row, lo, hi, func(i int) {
			x.p = &c.people[i]
			x.id, x.upn = personID(c.Record, x.p)
		}, emit)
	}
	return t
}

// personID is a person's id as the record spells it (People keys them by
// the id in lower case) and their UPN, from participants_v2 or the
// deprecated participants when they are there.
func personID(r *data.Record, p *data.Person) (id, upn string) {
	key, ok := strings.CutPrefix(p.Key, "id:")
	if !ok {
		return "", ""
	}
	id = key
	for _, list := range [][]data.Participant{r.Participants, r.OldParticipants, {r.Organizer, r.OldOrganizer}} {
		for _, q := range list {
			match := strings.EqualFold(q.ID, key)
			for _, x := range q.Identity {
				if strings.EqualFold(x.ID, key) {
					match = true
				}
			}
			if !match {
				continue
			}
			if strings.EqualFold(q.ID, key) {
				id = q.ID
			}
			for _, x := range q.Identity {
				if x.UserPrincipalName != "" && upn == "" {
					upn = x.UserPrincipalName
				}
				if strings.EqualFold(x.ID, key) && id == key {
					id = x.ID
				}
			}
			if upn != "" {
				return id, upn
			}
		}
	}
	return id, upn
}
