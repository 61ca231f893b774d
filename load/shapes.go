package load

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/callscope/callscope/jsonscan"
	"github.com/callscope/callscope/text"
	"github.com/tidwall/gjson"
)

// What a JSON document is, when it is none of the shapes callscope opens,
// is told here, in one place: the @odata.context Graph writes names it when
// metadata was kept, and the keys of the first object tell it otherwise.
// Graph's call logs (getPstnCalls, getDirectRoutingCalls, getSmsLog, …) are
// recognised here too, so that reading them as tables can start from their
// LogKind.

// ErrNotCallRecord is what every NotCallRecordError is (errors.Is).
var ErrNotCallRecord = errors.New("not a call record")

// ErrNoCallRecords is what an error is (errors.Is) when the source holds
// no call record at all: it is empty, an empty collection or object, or a
// collection of something else. An empty list from Graph is no error to
// `callscope list`.
var ErrNoCallRecords = errors.New("no call records")

// NotCallRecordError is JSON that is none of the shapes callscope opens: a
// Graph log, a user, a participants list, a change notification, or no
// Graph response at all.
type NotCallRecordError struct {
	Name   string
	What   string       // what the file is, as a sentence's end: "it is an SMS log (…)"
	Hint   string       // what to do instead, or ""
	Log    LogKind      // which of Graph's call logs it is; NoLog for anything else
	Syntax *SyntaxError // where its JSON is malformed too, or nil
	empty  bool         // it holds nothing: ErrNoCallRecords
}

func (e *NotCallRecordError) Error() string {
	s := e.Name + ": not a call record: " + e.What
	if e.Syntax != nil && e.Syntax.Line > 0 {
		s += fmt.Sprintf(" (and its JSON is malformed at line %d, column %d)", e.Syntax.Line, e.Syntax.Column)
	}
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

// Unwrap makes the error ErrNotCallRecord, ErrNoCallRecords too when the
// source holds nothing, and a *SyntaxError when the JSON is malformed.
func (e *NotCallRecordError) Unwrap() []error {
	errs := []error{ErrNotCallRecord}
	if e.empty {
		errs = append(errs, ErrNoCallRecords)
	}
	if e.Syntax != nil {
		errs = append(errs, e.Syntax)
	}
	return errs
}

// LogKind is one of Graph's call logs: rows about calls, not call records.
type LogKind uint8

const (
	NoLog            LogKind = iota
	LogPSTNCalls             // pstnCallLogRow, from getPstnCalls
	LogDirectRouting         // directRoutingLogRow, from getDirectRoutingCalls
	LogSMS                   // smsLogRow, from getSmsLog
	LogDialout               // pstnOnlineMeetingDialoutReport, from getPstnOnlineMeetingDialoutReport
	LogBlockedUsers          // pstnBlockedUsersLogRow, from getPstnBlockedUsersLog
)

// openHint says what callscope opens instead.
const openHint = "callscope opens call records (GET /communications/callRecords/{id}?$expand=sessions($expand=segments))"

// logKinds are Graph's call logs: the row type @odata.context names, and
// keys of a row, two of which tell the kind without metadata.
var logKinds = []struct {
	log  LogKind
	row  string
	keys []string
	what string
	hint string
}{
	{LogPSTNCalls, "pstnCallLogRow", []string{"callid", "charge", "licensecapability", "inventorytype", "calldurationsource", "connectioncharge"},
		"it is a PSTN call log (pstnCallLogRow rows, from getPstnCalls)",
		"its rows are parts of calls and open no call record: find the call with `callscope list` and open it with `callscope --id ID`"},
	{LogDirectRouting, "directRoutingLogRow", []string{"correlationid", "trunkfullyqualifieddomainname", "finalsipcode", "finalsipcodephrase", "signalinglocation", "mediabypassenabled"},
		"it is a Direct Routing call log (directRoutingLogRow rows, from getDirectRoutingCalls)",
		"a row's correlationId is its call record's id: open one with `callscope --id %s`"},
	{LogSMS, "smsLogRow", []string{"smsid", "smstype", "smsunits", "sentdatetime"},
		"it is an SMS log (smsLogRow rows, from getSmsLog), which holds no calls", openHint},
	{LogDialout, "pstnOnlineMeetingDialoutReport", []string{"totalcalls", "totalcallcharge", "totalcallseconds"},
		"it is a PSTN dial-out report (pstnOnlineMeetingDialoutReport rows, from getPstnOnlineMeetingDialoutReport), which sums calls per user", openHint},
	{LogBlockedUsers, "pstnBlockedUsersLogRow", []string{"blockdatetime", "userblockmode", "blockreason", "remediationid", "usertelephonenumber"},
		"it is a PSTN blocked users log (pstnBlockedUsersLogRow rows, from getPstnBlockedUsersLog), which holds no calls", openHint},
}

// shapeKeys are the normalised keys that tell shapes apart; a keySet
// holds one bit for each.
var shapeKeys = []string{
	// call record
	"id", "sessions", "type", "modalities", "version", "startdatetime", "enddatetime", "lastmodifieddatetime",
	"joinweburl", "organizer", "organizerv2", "participants", "participantsv2", "sessions@odata.nextlink",
	// session and segment
	"caller", "callee", "segments", "istest", "failureinfo", "media",
	// change notification, participant, user
	"resourcedata", "subscriptionid", "changetype", "identity", "userprincipalname", "displayname", "mail",
	"businessphones", "givenname", "surname",
	// calls' numbers, in more than one log
	"callernumber", "calleenumber", "calltype",
}

var shapeBit = func() map[string]uint64 {
	m := map[string]uint64{}
	add := func(k string) {
		if _, ok := m[k]; !ok {
			m[k] = 1 << len(m)
		}
	}
	for _, k := range shapeKeys {
		add(k)
	}
	for _, lk := range logKinds {
		for _, k := range lk.keys {
			add(k)
		}
	}
	if len(m) > 64 {
		panic("shapeKeys: more than 64 keys")
	}
	return m
}()

// keySet is which of the keys that tell shapes apart an object has, and
// its first few keys, for messages. It stays small however many keys the
// object has.
type keySet struct {
	bits  uint64
	n     int
	first []string // normalised
}

const maxFirstKeys = 4

func (k *keySet) add(key string) {
	if strings.HasPrefix(key, "@") {
		return // @odata annotations tell nothing here
	}
	k.n++
	k.bits |= shapeBit[key]
	if len(k.first) < maxFirstKeys {
		k.first = append(k.first, strings.Clone(key))
	}
}

// has tells whether any of keys is in the set.
func (k keySet) has(keys ...string) bool {
	for _, key := range keys {
		if k.bits&shapeBit[key] != 0 {
			return true
		}
	}
	return false
}

func (k keySet) count(keys []string) int {
	n := 0
	for _, key := range keys {
		if k.has(key) {
			n++
		}
	}
	return n
}

// keysOf reads an object's keys.
func keysOf(v jsonscan.Value) keySet {
	var k keySet
	v.Fields(func(key string, _ jsonscan.Value) bool {
		k.add(key)
		return true
	})
	return k
}

// kind is what one object is.
type kind uint8

const (
	kindUnknown kind = iota
	kindRecord
	kindSession
	kindSegment
)

// graphContext is what an @odata.context names.
type graphContext struct {
	frag      string // after "$metadata#", as written
	says      kind   // a call record, a session or a segment; kindUnknown for anything else
	refusal   *NotCallRecordError
	recordID  string  // callRecords('…')
	sessionID string  // sessions('…')
	log       LogKind // when it names a log
}

var (
	contextRecordID  = regexp.MustCompile(`(?i)callRecords\('([^']+)'\)`)
	contextSessionID = regexp.MustCompile(`(?i)sessions\('([^']+)'\)`)
)

// readContext reads an @odata.context such as
// "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords('…')/sessions(segments())".
func readContext(ctx string) graphContext {
	c := graphContext{frag: ctx}
	if i := strings.LastIndexByte(ctx, '#'); i >= 0 {
		c.frag = ctx[i+1:]
	}
	if m := contextRecordID.FindStringSubmatch(c.frag); m != nil {
		c.recordID = m[1]
	}
	if m := contextSessionID.FindStringSubmatch(c.frag); m != nil {
		c.sessionID = m[1]
	}
	lower := strings.ToLower(c.frag)
	for _, lk := range logKinds {
		if strings.Contains(lower, strings.ToLower(lk.row)) {
			c.log = lk.log
			return c
		}
	}
	parts := contextParts(lower)
	if len(parts) == 0 {
		return c
	}
	last := parts[len(parts)-1]
	switch {
	case last == "participants" || last == "participantsv2" || last == "participants_v2":
		c.refusal = participantsRefusal
	case last == "segments":
		c.says = kindSegment
	case last == "sessions":
		c.says = kindSession
	case last == "callrecords":
		c.says = kindRecord
	case parts[0] == "users" || parts[0] == "me":
		what := "it is a Graph user (" + shortRaw(text.Clean(c.frag)) + ")"
		if len(parts) > 1 {
			what = "it is Graph's " + shortRaw(text.Clean(c.frag)) + ", about a user"
		} else if !strings.Contains(lower, "$entity") && !strings.Contains(lower, "('") {
			what = "it is a list of Graph users (" + shortRaw(text.Clean(c.frag)) + ")"
		}
		c.refusal = &NotCallRecordError{What: what, Hint: userHint}
	}
	return c
}

// contextParts are a context's path segments, lower case, without their
// arguments and without $entity: "communications/callRecords('x')/sessions"
// gives communications, callrecords, sessions.
func contextParts(frag string) []string {
	var parts []string
	depth, start := 0, 0
	cut := func(end int) {
		p := frag[start:end]
		if i := strings.IndexByte(p, '('); i >= 0 {
			p = p[:i]
		}
		if p != "" && p != "$entity" {
			parts = append(parts, p)
		}
	}
	for i := 0; i < len(frag); i++ {
		switch frag[i] {
		case '(':
			depth++
		case ')':
			depth--
		case '/':
			if depth == 0 {
				cut(i)
				start = i + 1
			}
		}
	}
	cut(len(frag))
	return parts
}

const userHint = "to list a user's calls, run `callscope list --participant USER-OBJECT-ID`"

var participantsRefusal = &NotCallRecordError{
	What: "it is a list of participants (participants_v2)",
	Hint: "open the call record itself (GET /communications/callRecords/{id}?$expand=sessions($expand=segments))",
}

// identify tells what an object is from the context it came with and its
// keys: a call record, a session or a segment, or, when it is none of
// them, a refusal that says what it is.
func identify(c graphContext, k keySet, v jsonscan.Value) (kind, *NotCallRecordError) {
	if c.log != NoLog {
		return kindUnknown, logRefusal(c.log, v)
	}
	if c.refusal != nil {
		e := *c.refusal
		return kindUnknown, &e
	}
	switch c.says {
	case kindSegment, kindSession:
		return c.says, nil
	}
	switch {
	case k.has("resourcedata", "subscriptionid"):
		id := text.Clean(gjson.Get(v.Raw(), "resourceData.id").String())
		return kindUnknown, &NotCallRecordError{What: "it is a change notification",
			Hint: "fetch the record it names with `callscope --id " + idOr(shortRaw(id)) + "`"}
	case k.has("segments") || (k.has("caller", "callee", "istest") && !k.has("media")):
		return kindSession, nil
	case k.has("media"):
		return kindSegment, nil
	}
	for _, lk := range logKinds {
		if k.count(lk.keys) >= 2 {
			return kindUnknown, logRefusal(lk.log, v)
		}
	}
	switch {
	case k.has("sessions", "organizer", "organizerv2", "participants", "participantsv2", "modalities", "joinweburl", "sessions@odata.nextlink"),
		k.has("id") && k.has("startdatetime", "enddatetime", "lastmodifieddatetime", "version", "type"),
		k.has("id") && c.says == kindRecord: // $select=id
		return kindRecord, nil
	case k.has("callernumber", "calleenumber", "calltype"):
		return kindUnknown, &NotCallRecordError{What: "it is a PSTN or Direct Routing call log", Hint: openHint}
	case k.has("identity"):
		e := *participantsRefusal
		return kindUnknown, &e
	case k.has("userprincipalname") || (k.has("displayname") && k.has("mail", "businessphones", "givenname", "surname")):
		return kindUnknown, &NotCallRecordError{What: "it is a Graph user", Hint: userHint}
	case c.frag != "" && c.says != kindRecord:
		return kindUnknown, &NotCallRecordError{What: "it is Graph's " + shortRaw(text.Clean(c.frag)), Hint: openHint}
	case k.n == 0:
		return kindUnknown, &NotCallRecordError{What: "it is an empty object ({})", Hint: openHint, empty: true}
	}
	what := "it has no sessions, and no id with a call's dates"
	if len(k.first) > 0 {
		keys := make([]string, len(k.first))
		for i, o := range k.first {
			keys[i] = shortRaw(text.Clean(o))
		}
		what += " (its keys, lower-cased: " + strings.Join(keys, ", ")
		if k.n > len(k.first) {
			what += ", …"
		}
		what += ")"
	}
	return kindUnknown, &NotCallRecordError{What: what, Hint: openHint}
}

// logRefusal names one of Graph's call logs; v is a row, when there is one.
func logRefusal(log LogKind, v jsonscan.Value) *NotCallRecordError {
	for _, lk := range logKinds {
		if lk.log != log {
			continue
		}
		hint := lk.hint
		if strings.Contains(hint, "%s") {
			id := "ID"
			if v.Exists() && v.IsObject() {
				if s := v.Member("correlationid").Text(); guidLike.MatchString(s) {
					id = s
				}
			}
			hint = fmt.Sprintf(hint, id)
		}
		return &NotCallRecordError{What: lk.what, Hint: hint, Log: log}
	}
	return nil
}

var guidLike = regexp.MustCompile(`^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$`)

// valueWords names the kind of a JSON value that is no object.
func valueWords(v jsonscan.Value) string {
	switch v.Kind() {
	case jsonscan.Array:
		return "arrays"
	case jsonscan.String:
		return "strings"
	case jsonscan.Number:
		return "numbers"
	case jsonscan.True, jsonscan.False:
		return "true or false"
	}
	return "nulls"
}
