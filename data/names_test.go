package data_test

import (
	"bytes"
	"fmt"
	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/report"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func loadOne(t *testing.T, doc string) *data.Record {
	t.Helper()
	f, err := load.Load("t.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return f.Records[0]
}

func TestEndpointTyping(t *testing.T) {
	cases := []struct {
		name     string
		endpoint string
		kind     data.EndpointKind
		uaKind   data.EndpointKind
	}{
		{"odata participant", `{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","userAgent":{}}`, data.EndpointParticipant, data.EndpointUnknown},
		{"odata service", `{"@odata.type":"#microsoft.graph.callRecords.serviceEndpoint","userAgent":{"@odata.type":"#microsoft.graph.callRecords.serviceUserAgent"}}`, data.EndpointService, data.EndpointService},
		{"role means service", `{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}}`, data.EndpointService, data.EndpointService},
		// A client user agent alone does not make a participant endpoint (the
		// no-metadata CLI sample has such a callee: the conference server side).
		{"platform means client user agent", `{"userAgent":{"platform":"windows","headerValue":"x"}}`, data.EndpointService, data.EndpointParticipant},
		{"product family means client user agent", `{"userAgent":{"productFamily":"teams"}}`, data.EndpointService, data.EndpointParticipant},
		{"associated identity", `{"associatedIdentity":{"displayName":"A"},"userAgent":{"headerValue":"x"}}`, data.EndpointParticipant, data.EndpointUnknown},
		{"identity", `{"identity":{"user":{"displayName":"A"}}}`, data.EndpointParticipant, data.EndpointUnknown},
		{"feedback", `{"feedback":{"rating":"good"}}`, data.EndpointParticipant, data.EndpointUnknown},
		{"machine name", `{"name":"PC-1"}`, data.EndpointParticipant, data.EndpointUnknown},
		{"cpu", `{"cpuName":"i7"}`, data.EndpointParticipant, data.EndpointUnknown},
		{"nothing else means service", `{"userAgent":{"headerValue":"x"}}`, data.EndpointService, data.EndpointUnknown},
		{"nulls are nothing", `{"name":null,"cpuName":null,"feedback":null,"associatedIdentity":null,"userAgent":{"headerValue":"x"}}`, data.EndpointService, data.EndpointUnknown},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := loadOne(t, `{"id":"x","sessions":[{"caller":`+c.endpoint+`}]}`)
			e := r.Sessions[0].Caller
			if e.Kind != c.kind || e.UserAgent.Kind != c.uaKind {
				t.Errorf("kind %v, user agent %v; want %v, %v", e.Kind, e.UserAgent.Kind, c.kind, c.uaKind)
			}
		})
	}
}

func TestEndpointNameFallback(t *testing.T) {
	cases := []struct {
		name, endpoint, want, kindWords string
	}{
		{"associated identity first", `{"associatedIdentity":{"displayName":"Alice"},"identity":{"user":{"displayName":"Bob"}}}`, "Alice", "user"},
		{"user", `{"identity":{"phone":{"id":"+1425"},"user":{"displayName":"Bob"}}}`, "Bob", "user"},
		{"phone number", `{"identity":{"guest":{"displayName":"G"},"phone":{"id":"+14255550123"}}}`, "+14255550123", "phone"},
		{"guest", `{"identity":{"application":{"displayName":"App"},"guest":{"displayName":"Guest G"}}}`, "Guest G", "guest"},
		{"application instance", `{"identity":{"application":{"displayName":"App"},"applicationInstance":{"displayName":"Queue"}}}`, "Queue", "resource account"},
		{"application", `{"identity":{"application":{"displayName":"Bot"}}}`, "Bot", "application"},
		{"kinds outside the schema", `{"identity":{"acsUser":{"id":"8:acs:1","displayName":"ACS Person"}}}`, "ACS Person", "ACS user"},
		{"null kinds are skipped", `{"identity":{"user":null,"phone":null,"spoolUser":{"displayName":"Sp"}}}`, "Sp", "Skype user"},
		{"service role", `{"userAgent":{"role":"skypeForBusinessAudioVideoMcu","headerValue":"AVMCU"}}`, "Conference server", "Conference server"},
		{"unknown role in words", `{"userAgent":{"role":"someNewRole"}}`, "Some new role", "Some new role"},
		{"user agent last", `{"userAgent":{"headerValue":"RTCC/7.0"}}`, "RTCC/7.0", "service"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := loadOne(t, `{"id":"x","sessions":[{"caller":`+c.endpoint+`}]}`)
			e := &r.Sessions[0].Caller
			if got := r.Names().Name(e); got != c.want {
				t.Errorf("Name() = %q, want %q", got, c.want)
			}
			if got := r.Names().Kind(e); got != c.kindWords {
				t.Errorf("Kind() = %q, want %q", got, c.kindWords)
			}
		})
	}
}

func TestRoleWords(t *testing.T) {
	for role, want := range map[string]string{
		"skypeForBusinessAudioVideoMcu": "Conference server",
		"mediationServer":               "Mediation server",
		"gateway":                       "PSTN gateway",
		"voicemail":                     "Voicemail",
		"unknownFutureValue":            "Service",
		"brandNewThing":                 "Brand new thing",
	} {
		if got := data.RoleWords(role); got != want {
			t.Errorf("RoleWords(%q) = %q, want %q", role, got, want)
		}
	}
}

func TestParticipantCount(t *testing.T) {
	cases := []struct {
		name, doc string
		want      int
		from      string
	}{
		{"participants_v2 first", `{"id":"x","participants_v2":[{"id":"a"},{"id":"b"},{"id":"A"}],"participants":[{"user":{"id":"z"}}]}`, 2, "participants_v2"},
		{"then participants", `{"id":"x","participants":[{"user":{"id":"a","displayName":"A"}},{"phone":{"id":"+1"}}]}`, 2, "participants"},
		{"then distinct endpoints", `{"id":"x","sessions":[
			{"caller":{"associatedIdentity":{"id":"u1","displayName":"A"}},"callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}}},
			{"caller":{"associatedIdentity":{"id":"U1","displayName":"A"}},"callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}}},
			{"caller":{"identity":{"phone":{"id":"+1425"}}},"callee":{"userAgent":{"role":"gateway"}}}]}`, 2, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := loadOne(t, c.doc)
			if got := r.ParticipantCount(); got != c.want || r.ParticipantsFrom != c.from {
				t.Errorf("ParticipantCount() = %d from %q, want %d from %q", got, r.ParticipantsFrom, c.want, c.from)
			}
		})
	}
}

// crafted is the crafted record of today's shape (see testdata/README.md).
func crafted(t testing.TB) *data.File {
	t.Helper()
	f, err := load.Load("crafted.json", fixture.Read(t, "crafted-aa-cq-bot-pstn.json"))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The v2-only record names its auto attendant, call queue, bot and agent
// from participants_v2 alone: by the entry's id (whatever its case) or by
// an identity id inside the entry.
func TestNamesOfTodaysRecord(t *testing.T) {
	r := crafted(t).Records[0]
	n := r.Names()
	type side struct{ name, kind string }
	want := [][2]side{
		{{"+14255550142", "phone"}, {"Contoso Main Line", "Auto attendant"}},      // AA: its id upper-cased
		{{"+14255550142", "phone"}, {"Contoso Support Queue", "Call queue"}},      // CQ: the identity's id, not the entry's
		{{"+14255550142", "phone"}, {"Priya Raman", "user"}},                      // her associatedIdentity names her
		{{"Contoso Recorder", "Bot"}, {"Conference server", "Conference server"}}, // bot: the application's id
	}
	for i, se := range r.Sessions {
		for j, e := range []*data.Endpoint{&se.Caller, &se.Callee} {
			if got := (side{n.Label(e), n.Kind(e)}); got != want[i][j] {
				t.Errorf("session %d side %d: %+v, want %+v", i, j, got, want[i][j])
			}
		}
	}
	// The agent's segment endpoint carries her id only.
	agent := &r.Sessions[2].Segments[0].Callee
	if agent.AssociatedIdentity.DisplayName != "" || n.Label(agent) != "Priya Raman" {
		t.Errorf("agent's segment endpoint: %+v named %q", agent.AssociatedIdentity, n.Label(agent))
	}
	if id := n.Identity(agent); id.UserPrincipalName != "priya.raman@contoso.com" {
		t.Errorf("agent's UPN from participants_v2: %+v", id)
	}
	// The call queue's endpoint has no tenant: participants_v2 gives it.
	if id := n.Identity(&r.Sessions[1].Callee); id.TenantID != "7c1f3e2a-5b4d-4e8f-9a61-2d0c8b5e3f47" {
		t.Errorf("call queue's tenant from participants_v2: %+v", id)
	}
	if got := r.OrganizerName(); got != "Contoso Main Line" {
		t.Errorf("organizer %q: organizer_v2 has only the id, participants_v2 the name", got)
	}
	for i, want := range []string{"+14255550142", "+14255550142", "+14255550142 → Priya Raman", "Contoso Recorder → Conference server"} {
		if got := n.SessionWho(r.Sessions[i]); got != want {
			t.Errorf("session %d is %q, want %q", i, got, want)
		}
	}
	for _, c := range []struct {
		se, sg int
		want   string
	}{
		{0, 0, "PSTN leg +14255550142 via sbc1.contoso.com"},
		{0, 1, "Mediation server → Contoso Main Line leg for +14255550142"}, // services, for the phone
		{1, 0, "PSTN leg +14255550142 via AudioCodes"},
		{2, 0, "Priya Raman"},
		{3, 0, "Contoso Recorder → Conference server leg"}, // a bot's session serves nobody
	} {
		se := r.Sessions[c.se]
		caller, callee := data.SideOf(se, se.Segments[c.sg])
		if got := n.LegWho(se, caller, callee); got != c.want {
			t.Errorf("leg %d.%d is %q, want %q", c.se, c.sg, got, c.want)
		}
	}
	var people []string
	for _, p := range r.People() {
		people = append(people, fmt.Sprintf("%s (%s) %v", p.Name, p.Kind, p.Sessions))
	}
	wantPeople := []string{"+14255550142 (phone) [0 1 2]", "Contoso Main Line (Auto attendant) [0]",
		"Contoso Support Queue (Call queue) [1]", "Priya Raman (user) [2]", "Contoso Recorder (Bot) [3]"}
	if strings.Join(people, "; ") != strings.Join(wantPeople, "; ") {
		t.Errorf("people:\n%s\nwant:\n%s", strings.Join(people, "\n"), strings.Join(wantPeople, "\n"))
	}
}

// The name chain with the record around the endpoint: each case is one
// record with one session whose caller is the endpoint.
func TestEndpointNameFromTheRecord(t *testing.T) {
	const aa = `"userAgent":{"role":"skypeForBusinessAutoAttendant"}`
	cases := []struct {
		name, record, endpoint, want, kind string
	}{
		{"participants_v2 entry id, any case", `"participants_v2":[{"id":"abc-1","identity":{"applicationInstance":{"id":"abc-1","displayName":"Main Line"}}}]`,
			`{"associatedIdentity":{"id":"ABC-1"},` + aa + `}`, "Main Line", "Auto attendant"},
		{"an identity id inside the entry", `"participants_v2":[{"id":"entry","identity":{"application":{"id":"app-7","displayName":"Recorder"}}}]`,
			`{"associatedIdentity":{"id":"app-7"},"userAgent":{"role":"customBot"}}`, "Recorder", "Bot"},
		{"organizer_v2", `"organizer_v2":{"id":"o-1","identity":{"user":{"id":"o-1","displayName":"Olga"}}}`,
			`{"associatedIdentity":{"id":"o-1"}}`, "Olga", "user"},
		{"the deprecated participants beside participants_v2", `"participants_v2":[{"id":"x"}],"participants":[{"guest":{"id":"g-1","displayName":"Gita (Guest)"}}]`,
			`{"associatedIdentity":{"id":"g-1"}}`, "Gita (Guest)", "guest"},
		{"another endpoint names the id", `"sessions":[{"callee":{"associatedIdentity":{"id":"u-9","displayName":"Uma"}}}]`,
			`{"associatedIdentity":{"id":"u-9"}}`, "Uma", "user"},
		{"the endpoint's own name first", `"participants_v2":[{"id":"u-2","identity":{"user":{"id":"u-2","displayName":"Old Name"}}}]`,
			`{"associatedIdentity":{"id":"u-2","displayName":"New Name"}}`, "New Name", "user"},
		{"the kind from participants_v2", `"participants_v2":[{"id":"g-2","identity":{"guest":{"id":"g-2","displayName":"Gus (Guest)"}}}]`,
			`{"associatedIdentity":{"id":"g-2","displayName":"Gus (Guest)"}}`, "Gus (Guest)", "guest"},
		{"named nowhere, with a role: the role", `"participants_v2":[]`, `{"associatedIdentity":{"id":"q-1"},"userAgent":{"role":"skypeForBusinessCallQueues"}}`, "Call queue", "Call queue"},
		{"an entry without a name: the role", `"participants_v2":[{"id":"q-2","identity":{"applicationInstance":{"id":"q-2"}}}]`,
			`{"associatedIdentity":{"id":"q-2"},"userAgent":{"role":"skypeForBusinessCallQueues"}}`, "Call queue", "Call queue"},
		{"named nowhere, no role: what it is and its id", ``, `{"associatedIdentity":{"id":"u-3"},"userAgent":{"headerValue":"releases/CL2026.R02","platform":"windows"}}`, "user u-3", "user"},
		{"an entry without a name, no role: its kind and id", `"participants_v2":[{"id":"r-1","identity":{"applicationInstance":{"id":"r-1"}}}]`,
			`{"associatedIdentity":{"id":"r-1"}}`, "resource account r-1", "resource account"},
		{"a phone number id is its name", ``, `{"associatedIdentity":{"id":"+14255550199"}}`, "+14255550199", "phone"},
		{"nothing but the user agent", ``, `{"name":"PC-1","userAgent":{"headerValue":"RTCC/7.0"}}`, "RTCC/7.0", "participant"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc := `{"id":"x",` + c.record
			if c.record != "" {
				doc += ","
			}
			if strings.Contains(c.record, `"sessions"`) {
				doc = strings.Replace(doc, `"sessions":[`, `"sessions":[{"caller":`+c.endpoint+`},`, 1)
				doc = strings.TrimSuffix(doc, ",") + "}"
			} else {
				doc += `"sessions":[{"caller":` + c.endpoint + `}]}`
			}
			r := loadOne(t, doc)
			e := &r.Sessions[0].Caller
			if got := r.Names().Label(e); got != c.want {
				t.Errorf("Label = %q, want %q", got, c.want)
			}
			if got := r.Names().Kind(e); got != c.kind {
				t.Errorf("Kind = %q, want %q", got, c.kind)
			}
		})
	}
}

// RoleWords keeps a multi-byte first letter whole, in every output.
func TestRoleWordsNonASCII(t *testing.T) {
	for role, want := range map[string]string{"écouteurBot": "Écouteur bot", "ünknownThing": "Ünknown thing", "日本Bot": "日本 bot"} {
		if got := data.RoleWords(role); got != want || !utf8.ValidString(got) {
			t.Errorf("RoleWords(%q) = %q, want %q", role, got, want)
		}
	}
	f, err := load.Load("x", []byte(`{"id":"x","sessions":[{"id":"s","caller":{"userAgent":{"role":"écouteurBot"}},
		"callee":{"associatedIdentity":{"displayName":"Ana"}},
		"segments":[{"id":"g","media":[{"label":"main-audio","streams":[{"streamDirection":"callerToCallee","packetUtilization":900,"averagePacketLossRate":0.2}]}]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []report.Format{report.FormatJSON, report.FormatText, report.FormatMarkdown} {
		out := reportIn(t, f, format)
		if !utf8.ValidString(out) || strings.ContainsRune(out, utf8.RuneError) || !strings.Contains(out, "Écouteur bot") {
			t.Errorf("%s report:\n%s", format, out)
		}
	}
}

func TestSBCName(t *testing.T) {
	for header, want := range map[string]string{
		"sbc1.contoso.com/1.0":                        "sbc1.contoso.com",
		"sbc1.contoso.com/Contoso-SBC/9.2.1":          "sbc1.contoso.com",
		"AudioCodes/7.40A.500.775":                    "AudioCodes",
		"Mediant SW/v.7.20A.258.459":                  "Mediant SW",
		"Ribbon SBC SWe Lite/9.0 sbc-eu.fabrikam.net": "sbc-eu.fabrikam.net", // a host anywhere wins
		"SBC (edge1.contoso.com; build 7)":            "edge1.contoso.com",
		"10.0.0.5/1.0":                                "", // an address is no host, and names no product
		"9.2.1":                                       "",
		"":                                            "",
		"anynode":                                     "anynode",
		"Microsoft.Skype.AVMCU/2026.2.9.4":            "Microsoft.Skype.AVMCU", // host-shaped: a rule, not a judgement
		"\x1b[31mevil.contoso.com\x1b[0m/1":           "evil.contoso.com",
	} {
		if got := data.SBCName(header); got != want {
			t.Errorf("data.SBCName(%q) = %q, want %q", header, got, want)
		}
	}
}

// PSTN legs name the number and the SBC in findings, failures and reports,
// so that many phone legs of one meeting can be told apart.
func TestPSTNLegNames(t *testing.T) {
	f := crafted(t)
	r := f.Records[0]
	var findings []string
	for _, x := range r.Findings {
		findings = append(findings, x.String())
	}
	for _, want := range []string{
		"PSTN leg +14255550142 via sbc1.contoso.com: round trip 640 ms on audio sent by PSTN gateway sbc1.contoso.com (target < 100 ms)",
		"PSTN leg +14255550142 via AudioCodes: failed at mid-call (SbcNotResponding)",
	} {
		if !slices.Contains(findings, want) {
			t.Errorf("findings lack %q:\n%s", want, strings.Join(findings, "\n"))
		}
	}
	text := reportIn(t, f, report.FormatText)
	for _, want := range []string{
		"PSTN gateway sbc1.contoso.com → Mediation server (for +14255550142)  audio (main-audio)",
		"PSTN leg +14255550142 via AudioCodes  segment  mid-call: SbcNotResponding",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text report lacks %q:\n%s", want, text)
		}
	}
	if md := reportIn(t, f, report.FormatMarkdown); !strings.Contains(md, "| PSTN leg +14255550142 via AudioCodes | segment | mid-call | SbcNotResponding |") {
		t.Errorf("markdown report:\n%s", md)
	}
	// Two phones through one SBC: two different legs.
	doc := `{"id":"x","sessions":[` + pstnSession("+14255550101") + `,` + pstnSession("+14255550102") + `]}`
	g, err := load.Load("x", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var who []string
	for _, x := range g.Records[0].Findings {
		who = append(who, x.Who)
	}
	if want := []string{"PSTN leg +14255550101 via sbc2.contoso.com", "PSTN leg +14255550102 via sbc2.contoso.com"}; !slices.Equal(who, want) {
		t.Errorf("findings name %q, want %q", who, want)
	}
}

func pstnSession(number string) string {
	return `{"id":"s","caller":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	 "callee":{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","associatedIdentity":{"id":"` + number + `"}},
	 "segments":[{"id":"g","caller":{"userAgent":{"role":"mediationServer"}},"callee":{"userAgent":{"role":"gateway","headerValue":"sbc2.contoso.com/2.1"}},
	  "media":[{"label":"main-audio","streams":[{"streamDirection":"callerToCallee","packetUtilization":900,"averageRoundTripTime":"PT0.3S"}]}]}]}`
}

func TestRoleWordsAnyCase(t *testing.T) {
	for _, role := range []string{"skypeForBusinessCallQueues", "SkypeForBusinessCallQueues", "SKYPEFORBUSINESSCALLQUEUES"} {
		if got := data.RoleWords(role); got != "Call queue" {
			t.Errorf("RoleWords(%q) = %q", role, got)
		}
	}
}

// A participants_v2 entry without a name is named by what the record says
// of its id elsewhere, in the participant list and as the organizer.
func TestParticipantNamedElsewhere(t *testing.T) {
	r := loadOne(t, `{"id":"x","organizer_v2":{"id":"U-1","identity":{"user":{"id":"U-1"}}},
		"participants_v2":[{"id":"u-1","identity":{"user":{"id":"u-1"}}},{"id":"u-2","identity":{"user":{"id":"u-2"}}}],
		"sessions":[{"caller":{"associatedIdentity":{"id":"u-1","displayName":"Ana"}},"callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}}}]}`)
	var got []string
	for _, p := range r.People() {
		got = append(got, p.Name)
	}
	if want := []string{"Ana", "user u-2"}; !slices.Equal(got, want) {
		t.Errorf("people %q, want %q", got, want)
	}
	if o := r.OrganizerName(); o != "Ana" {
		t.Errorf("organizer %q", o)
	}
}

// An endpoint whose first id the record leaves unnamed is named by another.
func TestEndpointNamedByItsSecondID(t *testing.T) {
	r := loadOne(t, `{"id":"x","participants_v2":[{"id":"a-1"},{"id":"b-2","identity":{"user":{"id":"b-2","displayName":"Bea"}}}],
		"sessions":[{"caller":{"associatedIdentity":{"id":"a-1"},"identity":{"user":{"id":"b-2"}}}}]}`)
	if got := r.Names().Label(&r.Sessions[0].Caller); got != "Bea" {
		t.Errorf("Label = %q, want Bea", got)
	}
}

// reportIn is a file's report in a format.
func reportIn(t *testing.T, f *data.File, format report.Format) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.Write(&b, f, format); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
