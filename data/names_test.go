package data

import "testing"

func loadOne(t *testing.T, doc string) *Record {
	t.Helper()
	f, err := Load("t.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return f.Records[0]
}

func TestEndpointTyping(t *testing.T) {
	cases := []struct {
		name     string
		endpoint string
		kind     EndpointKind
		uaKind   EndpointKind
	}{
		{"odata participant", `{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","userAgent":{}}`, EndpointParticipant, EndpointUnknown},
		{"odata service", `{"@odata.type":"#microsoft.graph.callRecords.serviceEndpoint","userAgent":{"@odata.type":"#microsoft.graph.callRecords.serviceUserAgent"}}`, EndpointService, EndpointService},
		{"role means service", `{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}}`, EndpointService, EndpointService},
		// A client user agent alone does not make a participant endpoint (the
		// no-metadata CLI sample has such a callee: the conference server side).
		{"platform means client user agent", `{"userAgent":{"platform":"windows","headerValue":"x"}}`, EndpointService, EndpointParticipant},
		{"product family means client user agent", `{"userAgent":{"productFamily":"teams"}}`, EndpointService, EndpointParticipant},
		{"associated identity", `{"associatedIdentity":{"displayName":"A"},"userAgent":{"headerValue":"x"}}`, EndpointParticipant, EndpointUnknown},
		{"identity", `{"identity":{"user":{"displayName":"A"}}}`, EndpointParticipant, EndpointUnknown},
		{"feedback", `{"feedback":{"rating":"good"}}`, EndpointParticipant, EndpointUnknown},
		{"machine name", `{"name":"PC-1"}`, EndpointParticipant, EndpointUnknown},
		{"cpu", `{"cpuName":"i7"}`, EndpointParticipant, EndpointUnknown},
		{"nothing else means service", `{"userAgent":{"headerValue":"x"}}`, EndpointService, EndpointUnknown},
		{"nulls are nothing", `{"name":null,"cpuName":null,"feedback":null,"associatedIdentity":null,"userAgent":{"headerValue":"x"}}`, EndpointService, EndpointUnknown},
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
		if got := RoleWords(role); got != want {
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
