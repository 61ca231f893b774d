package load

import (
	"strings"
	"time"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/jsonscan"
)

// The Graph properties of each node are read through tables: one row per
// property, its name as Graph spells it and where its value goes. A table
// finds a row by the key normalised as jsonscan.Fields hands it on (lower
// case, no underscores), so Graph's and PowerShell's spellings both match.
// Adding a property the model holds is adding its row.

// read is how one property's value goes into a node of type N.
type read[N any] func(l *loader, n *N, v jsonscan.Value)

// row is one property: its name as Graph spells it (messages name it so)
// and its reader.
type row[N any] struct {
	name string
	read read[N]
}

// table is a node type's rows by normalised key: a small open-addressed
// hash table on a cheap hash (the key's length, first, middle and last
// bytes), faster than a map for the 3 million look-ups of the 100 MB record.
type table[N any] struct {
	slots [tableSize]struct {
		key  string
		read read[N]
	}
}

const tableSize = 64 // a power of two, at least twice the rows of any node

func slotOf(k string) int {
	return (len(k)*31 + int(k[0])*7 + int(k[len(k)/2])*3 + int(k[len(k)-1])) & (tableSize - 1)
}

func tableOf[N any](rows ...row[N]) *table[N] {
	t := new(table[N])
	for _, r := range rows {
		k := jsonscan.NormKey(r.name)
		i := slotOf(k)
		for t.slots[i].read != nil {
			i = (i + 1) & (tableSize - 1)
		}
		t.slots[i].key, t.slots[i].read = k, r.read
	}
	return t
}

// find is the reader of key k, or nil.
func (t *table[N]) find(k string) read[N] {
	if k == "" {
		return nil
	}
	for i := slotOf(k); ; i = (i + 1) & (tableSize - 1) {
		e := &t.slots[i]
		if e.read == nil || e.key == k {
			return e.read
		}
	}
}

// fill reads every property of v that t knows into n.
func fill[N any](l *loader, v jsonscan.Value, t *table[N], n *N) {
	v.Fields(func(k string, m jsonscan.Value) bool {
		if read := t.find(k); read != nil {
			read(l, n, m)
		}
		return true
	})
}

// The kinds of row: a string (numbers and booleans kept as their text), a
// number, an integer, a boolean, a duration, a time, or a reader of its own.

func str[N any](name string, at func(*N) *string) row[N] {
	return row[N]{name, func(_ *loader, n *N, v jsonscan.Value) { *at(n) = v.Text() }}
}

func float[N any](name string, at func(*N) *data.Opt[float64]) row[N] {
	return row[N]{name, func(l *loader, n *N, v jsonscan.Value) { *at(n) = l.float(v, name) }}
}

func integer[N any](name string, at func(*N) *data.Opt[int64]) row[N] {
	return row[N]{name, func(l *loader, n *N, v jsonscan.Value) { *at(n) = l.int(v, name) }}
}

func boolean[N any](name string, at func(*N) *data.Opt[bool]) row[N] {
	return row[N]{name, func(l *loader, n *N, v jsonscan.Value) { *at(n) = l.bool(v, name) }}
}

func duration[N any](name string, at func(*N) *data.Opt[time.Duration]) row[N] {
	return row[N]{name, func(l *loader, n *N, v jsonscan.Value) { *at(n) = l.duration(v, name) }}
}

func when[N any](name string, at func(*N) *time.Time) row[N] {
	return row[N]{name, func(l *loader, n *N, v jsonscan.Value) { *at(n) = l.time(v, name) }}
}

func own[N any](name string, read read[N]) row[N] { return row[N]{name, read} }

// node reads an object into a new node, charged cost, keeping its JSON.
func node[N any](l *loader, v jsonscan.Value, cost int64, t *table[N], raw func(*N) *string) *N {
	n := new(N)
	l.charge(v, cost)
	fill(l, v, t, n)
	*raw(n) = v.Raw() // just walked: free
	return n
}

// children reads an array of nodes (or one object standing for it) with
// read, each numbered by its place in the array. A repeated key replaces
// what the first gave, as in encoding/json.
func children[N any](l *loader, v jsonscan.Value, field string, read func(jsonscan.Value) *N, index func(*N) *int) []*N {
	if !l.structured(v, field) {
		return nil
	}
	var out []*N
	l.eachElement(v, field, func(i int, e jsonscan.Value) {
		n := read(e)
		*index(n) = i
		out = append(out, n)
	})
	return out
}

// as is r found under another spelling of its key; messages keep r's name.
func as[N any](spelling string, r row[N]) row[N] { return row[N]{spelling, r.read} }

// ---------------------------------------------------------------------------------------
// The call record.

// recordNode is a record being read, with the members that are read after
// the walk: the v2 organizer and participants win over the deprecated ones
// whatever their order.
type recordNode struct {
	r              *data.Record
	org2, org1     jsonscan.Value
	parts2, parts1 jsonscan.Value
}

var recordFields = tableOf(
	str("id", func(n *recordNode) *string { return &n.r.ID }),
	integer("version", func(n *recordNode) *data.Opt[int64] { return &n.r.Version }),
	str("type", func(n *recordNode) *string { return &n.r.Type }),
	own("modalities", func(l *loader, n *recordNode, v jsonscan.Value) { n.r.Modalities = l.strings(v, "modalities") }),
	when("startDateTime", func(n *recordNode) *time.Time { return &n.r.Start }),
	when("endDateTime", func(n *recordNode) *time.Time { return &n.r.End }),
	when("lastModifiedDateTime", func(n *recordNode) *time.Time { return &n.r.LastModified }),
	str("joinWebUrl", func(n *recordNode) *string { return &n.r.JoinWebURL }),
	own("organizer_v2", func(_ *loader, n *recordNode, v jsonscan.Value) { n.org2 = v }),
	own("organizer", func(_ *loader, n *recordNode, v jsonscan.Value) { n.org1 = v }),
	own("participants_v2", func(_ *loader, n *recordNode, v jsonscan.Value) { n.parts2 = v }),
	own("participants", func(_ *loader, n *recordNode, v jsonscan.Value) { n.parts1 = v }),
	own("sessions", func(l *loader, n *recordNode, v jsonscan.Value) { n.r.Sessions = l.sessions(v) }),
	own("sessions@odata.nextLink", nextLink[recordNode]("sessions")),
	own("participants_v2@odata.nextLink", nextLink[recordNode]("participantsv2")),
	own("participants@odata.nextLink", nextLink[recordNode]("participants")),
)

// nextLink counts a link to a further page of key's array.
func nextLink[N any](key string) read[N] {
	return func(l *loader, _ *N, v jsonscan.Value) {
		if v.Text() != "" {
			l.nextLink(key)
		}
	}
}

// rootInfo is what the walk of a document's root object notices for shape
// detection, so that the root is walked once: skipping a 100 MB sessions
// array only to look at the keys after it would cost a whole extra pass.
type rootInfo struct {
	keys    keySet
	list    jsonscan.Value // "value": the array of a collection
	context string
}

func (l *loader) record(v jsonscan.Value) *data.Record { return l.recordInfo(v, nil) }

func (l *loader) recordInfo(v jsonscan.Value, info *rootInfo) *data.Record {
	n := recordNode{r: &data.Record{}}
	l.charge(v, costRecord)
	if info == nil {
		fill(l, v, recordFields, &n)
	} else {
		v.Fields(func(k string, m jsonscan.Value) bool {
			info.note(l, k, m)
			if read := recordFields.find(k); read != nil {
				read(l, &n, m)
			}
			return true
		})
	}
	r := n.r
	r.Raw = v.Raw() // just walked: free
	if l.structured(n.org2, "organizer_v2") {
		l.participant(n.org2, &r.Organizer)
		if n.org1.IsObject() { // kept to name people (see data.Names)
			r.OldOrganizer = data.Participant{Identity: l.identitySet(n.org1)}
		}
	} else if l.structured(n.org1, "organizer") {
		r.Organizer = data.Participant{Identity: l.identitySet(n.org1)}
	}
	if p2 := n.parts2; p2.Exists() && l.structured(p2, "participants_v2") && nonEmpty(p2) {
		r.ParticipantsFrom = "participants_v2"
		l.eachElement(p2, "participants_v2", func(_ int, e jsonscan.Value) {
			l.charge(e, costPart)
			r.Participants = append(r.Participants, data.Participant{})
			l.participant(e, &r.Participants[len(r.Participants)-1])
		})
	}
	if p1 := n.parts1; p1.Exists() && l.structured(p1, "participants") {
		old := &r.Participants
		if r.ParticipantsFrom == "" {
			r.ParticipantsFrom = "participants"
		} else {
			old = &r.OldParticipants // kept to name people (see data.Names)
		}
		l.eachElement(p1, "participants", func(_ int, e jsonscan.Value) {
			l.charge(e, costPart)
			*old = append(*old, data.Participant{Identity: l.identitySet(e)})
		})
	}
	return r
}

// note takes what the root's member k tells about the file's shape.
func (info *rootInfo) note(l *loader, k string, m jsonscan.Value) {
	info.keys.add(k)
	switch k {
	case "value":
		// Most likely a collection, which the caller walks: only skip it
		// now (and check it if it turns out to be no collection, or is
		// repeated).
		if info.list.IsArray() {
			info.list.Check()
		}
		info.list = m
		if m.IsArray() {
			m.Skip()
		}
	case "@odata.context":
		info.context = m.Text()
	case "@odata.nextlink":
		if m.Text() != "" {
			l.nextLink("value")
		}
	}
}

// ---------------------------------------------------------------------------------------
// People.

var participantFields = tableOf(
	str("id", func(p *data.Participant) *string { return &p.ID }),
	own("identity", func(l *loader, p *data.Participant, v jsonscan.Value) {
		if l.structured(v, "identity") {
			p.Identity = l.identitySet(v)
		}
	}),
)

// participant reads a participant into p. The nodes read in place, as
// this one, are heap memory already: a table's reader may keep what it is
// handed, so a node on the stack would be moved to the heap for each.
func (l *loader) participant(v jsonscan.Value, p *data.Participant) {
	fill(l, v, participantFields, p)
}

// identitySet keeps every non-null member that looks like an identity,
// whatever its kind, so newer kinds (acsUser, spoolUser, ...) survive.
func (l *loader) identitySet(v jsonscan.Value) data.IdentitySet {
	var set data.IdentitySet
	v.Members(func(kind string, m jsonscan.Value) bool {
		if !m.IsObject() {
			return true
		}
		if strings.EqualFold(kind, "additionalProperties") {
			if l.merged < maxMerge { // see maxMerge
				l.merged++
				set = append(set, l.identitySet(m)...)
				l.merged--
			}
			return true
		}
		if strings.HasPrefix(kind, "@") {
			return true
		}
		l.charge(m, costID)
		set = append(set, data.Identity{})
		id := &set[len(set)-1]
		fill(l, m, identityFields, id)
		id.Kind = lowerFirst(kind)
		return true
	})
	return set
}

// maxMerge bounds AdditionalProperties inside AdditionalProperties in an
// identity set: real exports have one level, a hostile file could nest
// them without end.
const maxMerge = 4

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}

var identityFields = tableOf(
	str("id", func(id *data.Identity) *string { return &id.ID }),
	str("displayName", func(id *data.Identity) *string { return &id.DisplayName }),
	str("tenantId", func(id *data.Identity) *string { return &id.TenantID }),
	str("userPrincipalName", func(id *data.Identity) *string { return &id.UserPrincipalName }),
)

// ---------------------------------------------------------------------------------------
// Sessions and segments.

// sessionNode is a session being read, and whether it had a segments
// member at all (a file fetched without $expand=segments has none).
type sessionNode struct {
	s        *data.Session
	segments bool
}

var sessionFields = tableOf(
	str("id", func(n *sessionNode) *string { return &n.s.ID }),
	own("caller", func(l *loader, n *sessionNode, v jsonscan.Value) { l.endpoint(v, "caller", &n.s.Caller) }),
	own("callee", func(l *loader, n *sessionNode, v jsonscan.Value) { l.endpoint(v, "callee", &n.s.Callee) }),
	when("startDateTime", func(n *sessionNode) *time.Time { return &n.s.Start }),
	when("endDateTime", func(n *sessionNode) *time.Time { return &n.s.End }),
	own("modalities", func(l *loader, n *sessionNode, v jsonscan.Value) { n.s.Modalities = l.strings(v, "modalities") }),
	boolean("isTest", func(n *sessionNode) *data.Opt[bool] { return &n.s.IsTest }),
	own("failureInfo", func(l *loader, n *sessionNode, v jsonscan.Value) { n.s.Failure = l.failure(v) }),
	own("segments", func(l *loader, n *sessionNode, v jsonscan.Value) {
		n.segments = true
		n.s.Segments = children(l, v, "segments", l.segment, func(s *data.Segment) *int { return &s.Index })
	}),
	own("segments@odata.nextLink", nextLink[sessionNode]("segments")),
)

func (l *loader) session(v jsonscan.Value) *data.Session {
	n := sessionNode{s: &data.Session{}}
	l.charge(v, costSession)
	l.sessionsRead++
	fill(l, v, sessionFields, &n)
	if !n.segments {
		l.noSegments++
	}
	n.s.Raw = v.Raw() // just walked: free
	return n.s
}

var segmentFields = tableOf(
	str("id", func(s *data.Segment) *string { return &s.ID }),
	own("caller", func(l *loader, s *data.Segment, v jsonscan.Value) { l.endpoint(v, "caller", &s.Caller) }),
	own("callee", func(l *loader, s *data.Segment, v jsonscan.Value) { l.endpoint(v, "callee", &s.Callee) }),
	when("startDateTime", func(s *data.Segment) *time.Time { return &s.Start }),
	when("endDateTime", func(s *data.Segment) *time.Time { return &s.End }),
	own("failureInfo", func(l *loader, s *data.Segment, v jsonscan.Value) { s.Failure = l.failure(v) }),
	own("media", func(l *loader, s *data.Segment, v jsonscan.Value) {
		s.Media = children(l, v, "media", l.media, func(m *data.Media) *int { return &m.Index })
	}),
)

func (l *loader) segment(v jsonscan.Value) *data.Segment {
	return node(l, v, costSegment, segmentFields, func(s *data.Segment) *string { return &s.Raw })
}

var failureFields = tableOf(
	str("stage", func(f *data.Failure) *string { return &f.Stage }),
	str("reason", func(f *data.Failure) *string { return &f.Reason }),
)

func (l *loader) failure(v jsonscan.Value) *data.Failure {
	if !l.structured(v, "failureInfo") {
		return nil
	}
	f := &data.Failure{}
	fill(l, v, failureFields, f)
	if f.Stage == "" && f.Reason == "" {
		return nil // {"stage": null, "reason": null} is no failure
	}
	return f
}

// ---------------------------------------------------------------------------------------
// Endpoints.

var endpointFields = tableOf(
	str("@odata.type", func(e *data.Endpoint) *string { return &e.ODataType }),
	own("userAgent", func(l *loader, e *data.Endpoint, v jsonscan.Value) {
		if l.structured(v, "userAgent") {
			e.UserAgent = data.UserAgent{}
			fill(l, v, userAgentFields, &e.UserAgent)
		}
	}),
	own("associatedIdentity", func(l *loader, e *data.Endpoint, v jsonscan.Value) {
		if v.IsObject() {
			l.charge(v, costID)
			e.AssociatedIdentity = new(data.Identity)
			fill(l, v, identityFields, e.AssociatedIdentity)
			l.person = true
		}
	}),
	own("identity", func(l *loader, e *data.Endpoint, v jsonscan.Value) {
		if v.IsObject() {
			e.Identity = l.identitySet(v)
			l.person = true
		}
	}),
	own("feedback", func(l *loader, e *data.Endpoint, v jsonscan.Value) {
		if v.IsObject() {
			e.Feedback = l.feedback(v)
			l.person = true
		}
	}),
	own("name", func(l *loader, e *data.Endpoint, v jsonscan.Value) {
		if e.Machine = v.Text(); e.Machine != "" {
			l.person = true
		}
	}),
	own("cpuName", func(l *loader, e *data.Endpoint, v jsonscan.Value) {
		if e.CPUName = v.Text(); e.CPUName != "" {
			l.person = true
		}
	}),
	integer("cpuCoresCount", func(e *data.Endpoint) *data.Opt[int64] { return &e.CPUCores }),
	integer("cpuProcessorSpeedInMhz", func(e *data.Endpoint) *data.Opt[int64] { return &e.CPUSpeedMHz }),
)

// endpoint reads an endpoint into e, which it replaces (a repeated key
// replaces, as in encoding/json). While it reads, l.person notes what only
// a participant's endpoint carries: who it is, feedback, its machine.
func (l *loader) endpoint(v jsonscan.Value, field string, e *data.Endpoint) {
	*e = data.Endpoint{}
	if !l.structured(v, field) {
		return
	}
	e.Present = true
	l.enter(field)
	defer l.pop()
	l.person = false
	fill(l, v, endpointFields, e)
	e.Raw = v.Raw() // just walked: free
	inferKinds(e, l.person)
}

var userAgentFields = tableOf(
	str("@odata.type", func(u *data.UserAgent) *string { return &u.ODataType }),
	str("headerValue", func(u *data.UserAgent) *string { return &u.HeaderValue }),
	str("applicationVersion", func(u *data.UserAgent) *string { return &u.ApplicationVersion }),
	str("platform", func(u *data.UserAgent) *string { return &u.Platform }),
	str("productFamily", func(u *data.UserAgent) *string { return &u.ProductFamily }),
	str("azureADAppId", func(u *data.UserAgent) *string { return &u.AzureADAppID }),
	str("communicationServiceId", func(u *data.UserAgent) *string { return &u.CommunicationServiceID }),
	str("role", func(u *data.UserAgent) *string { return &u.Role }),
)

var feedbackFields = tableOf(
	str("rating", func(f *data.Feedback) *string { return &f.Rating }),
	str("text", func(f *data.Feedback) *string { return &f.Text }),
	own("tokens", func(l *loader, f *data.Feedback, v jsonscan.Value) {
		v.Members(func(token string, set jsonscan.Value) bool {
			if set.Kind() == jsonscan.True && !strings.HasPrefix(token, "@") {
				l.charge(set, costString)
				f.Tokens = append(f.Tokens, token)
			}
			return true
		})
	}),
)

func (l *loader) feedback(v jsonscan.Value) *data.Feedback {
	f := &data.Feedback{}
	l.charge(v, costFeed)
	fill(l, v, feedbackFields, f)
	f.Raw = v.Raw() // just walked: free
	if f.Rating == "" && f.Text == "" && len(f.Tokens) == 0 {
		return nil
	}
	return f
}
