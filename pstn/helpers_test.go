package pstn

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/load"
)

// Crafted calls: JSON built the way Graph writes records, small enough to
// read in the test.

func gateway(header string) string {
	return fmt.Sprintf(`{"@odata.type":"#microsoft.graph.callRecords.serviceEndpoint","userAgent":{"@odata.type":"#microsoft.graph.callRecords.serviceUserAgent","headerValue":%q,"role":"gateway"}}`, header)
}

func mediation() string {
	return `{"@odata.type":"#microsoft.graph.callRecords.serviceEndpoint","userAgent":{"@odata.type":"#microsoft.graph.callRecords.serviceUserAgent","headerValue":"RTCC/7.0.0.0 MediationServer/2026.1.30.2","role":"mediationServer"}}`
}

func phone(number string) string {
	return fmt.Sprintf(`{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","userAgent":{"@odata.type":"#microsoft.graph.callRecords.clientUserAgent","platform":"unknown","productFamily":"unknown"},"associatedIdentity":{"id":%q,"displayName":null}}`, number)
}

func user(id, name string) string {
	return fmt.Sprintf(`{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","userAgent":{"@odata.type":"#microsoft.graph.callRecords.clientUserAgent","platform":"windows","productFamily":"teams"},"associatedIdentity":{"id":%q,"displayName":%q}}`, id, name)
}

func segment(start, end, caller, callee, failure string) string {
	f := "null"
	if failure != "" {
		f = fmt.Sprintf(`{"stage":"midcall","reason":%q}`, failure)
	}
	return fmt.Sprintf(`{"id":"seg","startDateTime":%q,"endDateTime":%q,"caller":%s,"callee":%s,"failureInfo":%s,"media":[]}`,
		"2026-07-14T"+start+"Z", "2026-07-14T"+end+"Z", caller, callee, f)
}

func session(start, end, caller, callee string, segments ...string) string {
	return fmt.Sprintf(`{"id":"sess","startDateTime":%q,"endDateTime":%q,"modalities":["audio"],"caller":%s,"callee":%s,"segments":[%s]}`,
		"2026-07-14T"+start+"Z", "2026-07-14T"+end+"Z", caller, callee, strings.Join(segments, ","))
}

func record(id, start, end string, sessions ...string) string {
	return fmt.Sprintf(`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#communications/callRecords(sessions(segments()))/$entity","id":%q,"version":1,"type":"peerToPeer","modalities":["audio"],"startDateTime":%q,"endDateTime":%q,"sessions":[%s]}`,
		id, "2026-07-14T"+start+"Z", "2026-07-14T"+end+"Z", strings.Join(sessions, ","))
}

func loadCall(t *testing.T, js string) (*data.File, *data.Record) {
	t.Helper()
	f, err := load.Load("test.json", []byte(js))
	if err != nil {
		t.Fatalf("load: %v\n%s", err, js)
	}
	return f, f.Records[0]
}

// drRow is a directRoutingLogRow as Graph writes one.
func drRow(id, corr, start, caller, callee, trunk string, success bool, code int, phrase string, sub int) string {
	fail, end := `"0001-01-01T00:00:00Z"`, `"2026-07-14T`+start+`Z"`
	if !success {
		fail, end = end, "null"
	}
	return fmt.Sprintf(`{"id":%q,"correlationId":%q,"userId":"u-alice","userPrincipalName":"alice@contoso.com","userDisplayName":"Alice Okafor",`+
		`"startDateTime":"2026-07-14T%sZ","inviteDateTime":"2026-07-14T%sZ","failureDateTime":%s,"endDateTime":%s,"duration":0,"callType":"ByotIn","successfulCall":%t,`+
		`"callerNumber":%q,"calleeNumber":%q,"mediaPathLocation":"USWE","signalingLocation":"EUNO","finalSipCode":%d,"callEndSubReason":%d,"finalSipCodePhrase":%q,`+
		`"trunkFullyQualifiedDomainName":%q,"mediaBypassEnabled":false}`,
		id, corr, start, start, fail, end, success, caller, callee, code, sub, phrase, trunk)
}

// cpRow is a pstnCallLogRow.
func cpRow(id, start, end, callType, caller, callee string) string {
	return fmt.Sprintf(`{"id":%q,"callId":"1835317186_112562680@203.0.113.7","userId":"u-alice","userPrincipalName":"alice@contoso.com","userDisplayName":"Alice Okafor",`+
		`"startDateTime":"2026-07-14T%sZ","endDateTime":"2026-07-14T%sZ","duration":219,"charge":0.00,"callType":%q,"currency":"USD","calleeNumber":%q,"callerNumber":%q,`+
		`"destinationContext":null,"destinationName":"United States","conferenceId":null,"licenseCapability":"MCOPSTNU","inventoryType":"Subscriber","operator":"Microsoft","callDurationSource":"microsoft"}`,
		id, start, end, callType, callee, caller)
}

func rowsOf(t *testing.T, k Kind, rows ...string) *Source {
	t.Helper()
	log, err := ParseAs("test log", []byte(`{"value":[`+strings.Join(rows, ",")+`]}`), k)
	if err != nil {
		t.Fatal(err)
	}
	return &Source{Kind: k, Name: k.Function(), Rows: log.Rows}
}

func sample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "graph", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readSample(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("..", "testdata", "graph", name))
}

// loadRecordForFuzz is a call with a PSTN leg, for matching whatever a
// fuzzed log holds.
func loadRecordForFuzz() (*data.File, *data.Record) {
	alice := user("u-alice", "Alice Okafor")
	f, err := load.Load("fuzz", []byte(record("c98e1515-a937-4b81-b8a8-3992afde64e0", "09:00:00", "09:10:00",
		session("09:00:00", "09:10:00", phone("+12345678901"), alice,
			segment("09:00:00", "09:10:00", gateway("sbc1.contoso.com/1.0"), alice, "")))))
	if err != nil {
		panic(err)
	}
	return f, f.Records[0]
}

func readTestdata(t *testing.T, path ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{".."}, append([]string{"testdata"}, path...)...)...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func loadLimits() load.Limits { return load.Limits{} }
