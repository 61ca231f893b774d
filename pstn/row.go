package pstn

import (
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/text"
)

// Kind is which of Graph's call logs a row comes from.
type Kind uint8

const (
	Unknown       Kind = iota
	CallingPlan        // pstnCallLogRow, from getPstnCalls
	DirectRouting      // directRoutingLogRow, from getDirectRoutingCalls
	SMS                // smsLogRow, from getSmsLog (beta)
	Dialout            // pstnOnlineMeetingDialoutReport, from getPstnOnlineMeetingDialoutReport (beta)
	BlockedUsers       // pstnBlockedUsersLogRow, from getPstnBlockedUsersLog (beta)
)

var kinds = [...]struct {
	words, short, flag, typ, function string
	log                               load.LogKind
}{
	Unknown:       {"unknown log", "?", "", "", "", load.NoLog},
	CallingPlan:   {"Calling Plan", "CP", "calling-plan", "pstnCallLogRow", "getPstnCalls", load.LogPSTNCalls},
	DirectRouting: {"Direct Routing", "DR", "direct-routing", "directRoutingLogRow", "getDirectRoutingCalls", load.LogDirectRouting},
	SMS:           {"SMS", "SMS", "sms", "smsLogRow", "getSmsLog", load.LogSMS},
	Dialout:       {"dial-out report", "DIAL", "dialout", "pstnOnlineMeetingDialoutReport", "getPstnOnlineMeetingDialoutReport", load.LogDialout},
	BlockedUsers:  {"blocked users", "BLK", "blocked-users", "pstnBlockedUsersLogRow", "getPstnBlockedUsersLog", load.LogBlockedUsers},
}

func (k Kind) info() int {
	if int(k) < len(kinds) {
		return int(k)
	}
	return 0
}

// String names the log for people: "Direct Routing".
func (k Kind) String() string { return kinds[k.info()].words }

// Short is the table's kind column: "DR", "CP", "SMS".
func (k Kind) Short() string { return kinds[k.info()].short }

// Flag is the kind as --kind takes it: "direct-routing".
func (k Kind) Flag() string { return kinds[k.info()].flag }

// Function is the Graph function that returns the log: "getDirectRoutingCalls".
func (k Kind) Function() string { return kinds[k.info()].function }

// ODataType is the rows' type as Graph names it in @odata.type:
// "#microsoft.graph.callRecords.directRoutingLogRow".
func (k Kind) ODataType() string {
	if k == Unknown {
		return ""
	}
	return "#microsoft.graph.callRecords." + kinds[k].typ
}

// KindOf is the Kind of one of the loader's LogKinds.
func KindOf(l load.LogKind) Kind {
	for k, info := range kinds {
		if info.log == l && l != load.NoLog {
			return Kind(k)
		}
	}
	return Unknown
}

// ParseKind reads a --kind value.
func ParseKind(s string) (Kind, bool) {
	for k, info := range kinds {
		if k != int(Unknown) && strings.EqualFold(s, info.flag) {
			return Kind(k), true
		}
	}
	return Unknown, false
}

// kindOfType reads an @odata.type such as
// "#microsoft.graph.callRecords.directRoutingLogRow".
func kindOfType(t string) Kind {
	t = strings.ToLower(t)
	for k, info := range kinds {
		if k != int(Unknown) && strings.HasSuffix(t, "."+strings.ToLower(info.typ)) {
			return Kind(k)
		}
	}
	return Unknown
}

// Field is one member of a row as Graph sent it: its name and its raw JSON
// value. Every member is kept, those callscope does not know too.
type Field struct {
	Name  string
	Value string // raw JSON: "\"+14255550142\"", "503", "null", "[…]"
}

// Text is the value for people: a string without its quotes, anything else
// as JSON; cleaned for a terminal.
func (f Field) Text() string {
	v := gjson.Parse(f.Value)
	if v.Type == gjson.String {
		return text.Clean(v.Str)
	}
	return text.Clean(f.Value)
}

// User is the Teams user a row is about: userId, userPrincipalName,
// userDisplayName. Missing members are "".
type User struct {
	ID, UPN, Name string
}

// Row is one row of a log. Fields holds every member in order; the typed
// view of its kind holds what callscope reads, missing values missing
// (zero times, Opt without a value, ""): never a made-up 0.
type Row struct {
	Kind   Kind
	Raw    string  // the row's JSON as it was read
	Fields []Field // every member, in order

	DR      *DirectRoutingRow // Kind == DirectRouting
	CP      *CallingPlanRow   // Kind == CallingPlan
	SMS     *SMSRow           // Kind == SMS
	Dialout *DialoutRow       // Kind == Dialout
	Blocked *BlockedUserRow   // Kind == BlockedUsers
}

// DirectRoutingRow is a directRoutingLogRow.
type DirectRoutingRow struct {
	ID            string
	CorrelationID string // the call record's id
	User          User
	Start         time.Time // answered; for failed calls it may equal Invite or Failure
	Invite        time.Time
	Failure       time.Time       // only for failed calls (Graph writes 0001-01-01 for none: read as missing)
	End           time.Time       // only for successful calls
	Duration      data.Opt[int64] // seconds
	CallType      string          // ByotIn, dr_out_user_transfer, …
	Successful    data.Opt[bool]
	Caller        string // E.164, but may be anything the SBC sent ("+1001", a name)
	Callee        string
	MediaPath     string // Azure region of the media path (non-bypass)
	Signaling     string // Azure region of the signalling
	SIPCode       data.Opt[int64]
	SIPPhrase     string
	SubReason     data.Opt[int64] // callEndSubReason: Microsoft's sub-code
	Trunk         string          // trunkFullyQualifiedDomainName: the SBC
	MediaBypass   data.Opt[bool]
	UserCountry   string
	OtherCountry  string
	TenantCountry string
}

// CallingPlanRow is a pstnCallLogRow (Calling Plan, Operator Connect, audio
// conferencing dial-in and dial-out).
type CallingPlanRow struct {
	ID                 string
	CallID             string // the SIP call id: not a call record's id
	User               User
	Start, End         time.Time
	Duration           data.Opt[int64] // seconds
	Charge             data.Opt[float64]
	ConnectionCharge   data.Opt[float64]
	Currency           string
	CallType           string // user_in, user_out, conf_in, …
	Caller, Callee     string
	DestinationContext string
	DestinationName    string
	ConferenceID       string
	LicenseCapability  string
	InventoryType      string
	Operator           string
	CallDurationSource string
	TenantCountry      string
	UsageCountry       string
	OtherCountry       string
}

// SMSRow is an smsLogRow.
type SMSRow struct {
	ID                 string // smsId
	User               User
	Sent               time.Time
	Source             string
	Destination        string
	Charge             data.Opt[float64]
	Currency           string
	Type               string // sms_in, sms_out
	DestinationContext string
	DestinationName    string
	LicenseCapability  string
	Units              data.Opt[int64]
	UserCountry        string
	TenantCountry      string
	OtherCountry       string
}

// DialoutRow is a pstnOnlineMeetingDialoutReport row: a user's dial-out
// calls from meetings, summed.
type DialoutRow struct {
	User               User
	UsageLocation      string
	DestinationContext string
	Currency           string
	TotalCalls         data.Opt[int64]
	TotalCharge        data.Opt[float64]
	TotalSeconds       data.Opt[int64]
}

// BlockedUserRow is a pstnBlockedUsersLogRow.
type BlockedUserRow struct {
	User          User
	Blocked       time.Time
	Number        string // userTelephoneNumber
	Mode          string // Blocked, Unblocked
	Reason        string
	RemediationID string
}

// rowValues are a row's members by normalised key (lower case, no
// underscores), the first of a repeated key winning, as the loader reads.
type rowValues map[string]gjson.Result

func normKey(k string) string { return strings.ReplaceAll(strings.ToLower(k), "_", "") }

func (v rowValues) str(k string) string {
	if r, ok := v[k]; ok && r.Type == gjson.String {
		return r.Str
	}
	return ""
}

func (v rowValues) time(k string) time.Time {
	s := v.str(k)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || t.Year() <= 1 {
		return time.Time{} // Graph's 0001-01-01 is "none"
	}
	return t
}

func (v rowValues) int(k string) data.Opt[int64] {
	r, ok := v[k]
	if !ok || r.Type != gjson.Number {
		return data.Opt[int64]{}
	}
	f := r.Float()
	if f != float64(int64(f)) {
		return data.Opt[int64]{}
	}
	return data.Some(int64(f))
}

func (v rowValues) float(k string) data.Opt[float64] {
	r, ok := v[k]
	if !ok || r.Type != gjson.Number {
		return data.Opt[float64]{}
	}
	return data.Some(r.Float())
}

func (v rowValues) bool(k string) data.Opt[bool] {
	r, ok := v[k]
	if !ok || (r.Type != gjson.True && r.Type != gjson.False) {
		return data.Opt[bool]{}
	}
	return data.Some(r.Type == gjson.True)
}

func (v rowValues) user() User {
	return User{ID: v.str("userid"), UPN: v.str("userprincipalname"), Name: v.str("userdisplayname")}
}

// newRow reads one row object of kind k; raw must be a JSON object.
func newRow(k Kind, obj gjson.Result) *Row {
	r := &Row{Kind: k, Raw: obj.Raw}
	v := rowValues{}
	obj.ForEach(func(key, val gjson.Result) bool {
		r.Fields = append(r.Fields, Field{Name: key.String(), Value: val.Raw})
		n := normKey(key.String())
		if _, seen := v[n]; !seen {
			v[n] = val
		}
		return true
	})
	switch k {
	case DirectRouting:
		r.DR = &DirectRoutingRow{
			ID: v.str("id"), CorrelationID: v.str("correlationid"), User: v.user(),
			Start: v.time("startdatetime"), Invite: v.time("invitedatetime"), Failure: v.time("failuredatetime"), End: v.time("enddatetime"),
			Duration: v.int("duration"), CallType: v.str("calltype"), Successful: v.bool("successfulcall"),
			Caller: v.str("callernumber"), Callee: v.str("calleenumber"),
			MediaPath: v.str("mediapathlocation"), Signaling: v.str("signalinglocation"),
			SIPCode: v.int("finalsipcode"), SIPPhrase: v.str("finalsipcodephrase"), SubReason: v.int("callendsubreason"),
			Trunk: v.str("trunkfullyqualifieddomainname"), MediaBypass: v.bool("mediabypassenabled"),
			UserCountry: v.str("usercountrycode"), OtherCountry: v.str("otherpartycountrycode"), TenantCountry: v.str("tenantcountrycode"),
		}
	case CallingPlan:
		r.CP = &CallingPlanRow{
			ID: v.str("id"), CallID: v.str("callid"), User: v.user(),
			Start: v.time("startdatetime"), End: v.time("enddatetime"), Duration: v.int("duration"),
			Charge: v.float("charge"), ConnectionCharge: v.float("connectioncharge"), Currency: v.str("currency"),
			CallType: v.str("calltype"), Caller: v.str("callernumber"), Callee: v.str("calleenumber"),
			DestinationContext: v.str("destinationcontext"), DestinationName: v.str("destinationname"),
			ConferenceID: v.str("conferenceid"), LicenseCapability: v.str("licensecapability"),
			InventoryType: v.str("inventorytype"), Operator: v.str("operator"), CallDurationSource: v.str("calldurationsource"),
			TenantCountry: v.str("tenantcountrycode"), UsageCountry: v.str("usagecountrycode"), OtherCountry: v.str("otherpartycountrycode"),
		}
	case SMS:
		r.SMS = &SMSRow{
			ID: v.str("smsid"), User: v.user(), Sent: v.time("sentdatetime"),
			Source: v.str("sourcenumber"), Destination: v.str("destinationnumber"),
			Charge: v.float("callcharge"), Currency: v.str("currency"), Type: v.str("smstype"),
			DestinationContext: v.str("destinationcontext"), DestinationName: v.str("destinationname"),
			LicenseCapability: v.str("licensecapability"), Units: v.int("smsunits"),
			UserCountry: v.str("usercountrycode"), TenantCountry: v.str("tenantcountrycode"), OtherCountry: v.str("otherpartycountrycode"),
		}
	case Dialout:
		r.Dialout = &DialoutRow{
			User: v.user(), UsageLocation: v.str("usagelocation"), DestinationContext: v.str("destinationcontext"),
			Currency: v.str("currency"), TotalCalls: v.int("totalcalls"), TotalCharge: v.float("totalcallcharge"),
			TotalSeconds: v.int("totalcallseconds"),
		}
	case BlockedUsers:
		r.Blocked = &BlockedUserRow{
			User: v.user(), Blocked: v.time("blockdatetime"), Number: v.str("usertelephonenumber"),
			Mode: v.str("userblockmode"), Reason: v.str("blockreason"), RemediationID: v.str("remediationid"),
		}
	}
	return r
}

// Time is when the row happened, for merging logs by time: a call's start
// (a Direct Routing call that never started: its invite, else its
// failure), an SMS's sending, a block; zero for the dial-out report, which
// sums many calls.
func (r *Row) Time() time.Time {
	switch {
	case r.DR != nil:
		return orTime(r.DR.Start, r.DR.Invite, r.DR.Failure)
	case r.CP != nil:
		return r.CP.Start
	case r.SMS != nil:
		return r.SMS.Sent
	case r.Blocked != nil:
		return r.Blocked.Blocked
	}
	return time.Time{}
}

// span is the row's time on the clock: from its first time to its last.
func (r *Row) span() (from, to time.Time) {
	switch {
	case r.DR != nil:
		d := r.DR
		from = firstTime(d.Invite, d.Start, d.Failure, d.End)
		to = lastTime(d.Start, d.Invite, d.Failure, d.End)
		if d.End.IsZero() && d.Duration.OK && !d.Start.IsZero() {
			to = lastTime(to, d.Start.Add(time.Duration(d.Duration.V)*time.Second))
		}
	case r.CP != nil:
		from, to = r.CP.Start, r.CP.End
		if to.IsZero() && r.CP.Duration.OK && !from.IsZero() {
			to = from.Add(time.Duration(r.CP.Duration.V) * time.Second)
		}
		if to.IsZero() {
			to = from
		}
	default:
		from = r.Time()
		to = from
	}
	return from, to
}

// orTime is the first of ts that is not zero.
func orTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// firstTime is the earliest of ts that is not zero.
func firstTime(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if !t.IsZero() && (out.IsZero() || t.Before(out)) {
			out = t
		}
	}
	return out
}

// lastTime is the latest of ts.
func lastTime(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if t.After(out) {
			out = t
		}
	}
	return out
}

// User is the Teams user of the row.
func (r *Row) User() User {
	switch {
	case r.DR != nil:
		return r.DR.User
	case r.CP != nil:
		return r.CP.User
	case r.SMS != nil:
		return r.SMS.User
	case r.Dialout != nil:
		return r.Dialout.User
	case r.Blocked != nil:
		return r.Blocked.User
	}
	return User{}
}

// Numbers are who called whom: caller and callee, an SMS's source and
// destination, a blocked user's number as From; "" where the row has none.
func (r *Row) Numbers() (from, to string) {
	switch {
	case r.DR != nil:
		return r.DR.Caller, r.DR.Callee
	case r.CP != nil:
		return r.CP.Caller, r.CP.Callee
	case r.SMS != nil:
		return r.SMS.Source, r.SMS.Destination
	case r.Blocked != nil:
		return r.Blocked.Number, ""
	}
	return "", ""
}

// Duration is how long the call was connected (Graph's seconds), or the
// dial-out report's total; not OK when the row does not say.
func (r *Row) Duration() data.Opt[time.Duration] {
	var s data.Opt[int64]
	switch {
	case r.DR != nil:
		s = r.DR.Duration
	case r.CP != nil:
		s = r.CP.Duration
	case r.Dialout != nil:
		s = r.Dialout.TotalSeconds
	}
	if !s.OK {
		return data.Opt[time.Duration]{}
	}
	return data.Some(time.Duration(s.V) * time.Second)
}

// Failed tells a Direct Routing call that was not established (Graph's
// successfulCall false: the admin centre's "Attempt"), or that ended with a
// final SIP code of 300 or more other than 487 (an established call that
// dropped). Other logs do not say.
func (r *Row) Failed() bool {
	if r.DR == nil {
		return false
	}
	if r.DR.Successful.OK && !r.DR.Successful.V {
		return true
	}
	return r.DR.SIPCode.OK && r.DR.SIPCode.V >= 300 && r.DR.SIPCode.V != 487
}

// CallRecordID is the call record a row names: a Direct Routing row's
// correlationId is its call's id; "" for every other row.
func (r *Row) CallRecordID() string {
	if r.DR == nil {
		return ""
	}
	return strings.TrimSpace(r.DR.CorrelationID)
}

// Result is the row's outcome in words: a Direct Routing call's final SIP
// code and phrase ("503 Service Unavailable"); an SMS's type; a block's
// mode; "" when the row says none.
func (r *Row) Result() string {
	switch {
	case r.DR != nil:
		return sipText(r.DR)
	case r.CP != nil:
		return data.Words("callType", r.CP.CallType)
	case r.SMS != nil:
		return r.SMS.Type
	case r.Blocked != nil:
		return strings.TrimSpace(r.Blocked.Mode + " " + r.Blocked.Reason)
	case r.Dialout != nil && r.Dialout.TotalCalls.OK:
		if r.Dialout.TotalCalls.V == 1 {
			return "1 call"
		}
		return itoa(r.Dialout.TotalCalls.V) + " calls"
	}
	return ""
}

// sipText is "503 Service Unavailable", or the phrase alone when Graph gave
// code 0 (a call that ended with "BYE"); "" when neither is there.
func sipText(d *DirectRoutingRow) string {
	code := ""
	if d.SIPCode.OK && d.SIPCode.V != 0 {
		code = itoa(d.SIPCode.V)
	}
	return strings.TrimSpace(code + " " + d.SIPPhrase)
}

// Trunk is a Direct Routing row's SBC; "" for other logs.
func (r *Row) Trunk() string {
	if r.DR != nil {
		return r.DR.Trunk
	}
	return ""
}

// ID is the row's own id (smsId for SMS); "" when it has none.
func (r *Row) ID() string {
	switch {
	case r.DR != nil:
		return r.DR.ID
	case r.CP != nil:
		return r.CP.ID
	case r.SMS != nil:
		return r.SMS.ID
	}
	return ""
}
