package redact

import (
	"bytes"
	"net/netip"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// The rules of the second pass, as documented at recurrences, read
// independently: which values are looked for everywhere, and what counts as
// finding one.

var (
	testWordRE = regexp.MustCompile(`^[\p{L}\p{N}_\p{Mn}]$`)
	testGUIDRE = regexp.MustCompile(`^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$`)
	testMACRE  = regexp.MustCompile(`^[0-9a-fA-F]{2}([-:.]?[0-9a-fA-F]{2}){5,7}$|^([0-9a-fA-F]{4}\.){2,3}[0-9a-fA-F]{4}$`)
	schemaRE   = regexp.MustCompile(`^[a-z][A-Za-z0-9]*$`)
	keyWordRE  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*$`)
)

func testWordRune(r rune) bool { return testWordRE.MatchString(string(r)) }

func testOneWord(s string) bool {
	for _, r := range s {
		if !testWordRune(r) {
			return false
		}
	}
	return s != ""
}

func testAddr(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Addr(), true
	}
	a, err := netip.ParseAddr(strings.Trim(s, "[]"))
	return a, err == nil
}

// recurForms are the forms of a value that recurs that are found too: a
// guest's name without " (Guest)", a phone number's digits alone.
func recurForms(p personal) []personal {
	forms := []personal{p}
	s := strings.TrimSpace(p.value)
	if base, ok := strings.CutSuffix(s, " (Guest)"); ok && p.cat == Names && !testOneWord(base) {
		forms = append(forms, personal{p.cat, base})
	}
	if testLooksPhone(s) && !strings.ContainsAny(s, " ()-.") && len(s) > 7 {
		forms = append(forms, personal{p.cat, strings.TrimPrefix(strings.TrimPrefix(s, "tel:"), "+")})
	}
	return forms
}

// recurs: the value is looked for everywhere, not only in its own field.
func recurs(p personal) bool {
	s := strings.TrimSpace(p.value)
	switch p.cat {
	case IPs:
		if _, ok := testAddr(s); ok {
			return true
		}
		return !testOneWord(s)
	case MACs:
		return testMACRE.MatchString(s)
	case IDs, Emails, Phones:
		digits := 0
		for _, r := range s {
			if r >= '0' && r <= '9' {
				digits++
			} else if !strings.ContainsRune("+ ()-.", r) {
				return true
			}
		}
		return digits >= 7
	}
	return !testOneWord(s)
}

// occurs: text holds the original as the rules find it, in any case: an
// identifier anywhere (an e-mail address not followed by more of a domain, a
// phone number by more digits), an address not inside a longer one, any
// other value at word boundaries.
func occurs(text string, p personal) bool {
	t, o := asciiLowerTest(text), asciiLowerTest(strings.TrimSpace(p.value))
	if o == "" {
		return false
	}
	// An address in any spelling: every run of its characters is read.
	if a, ok := testAddr(o); ok && p.cat == IPs {
		for _, run := range regexp.MustCompile(`[0-9a-f.:]+`).FindAllString(t, -1) {
			for _, c := range []string{run, strings.TrimRight(run, ".:"), run[:max(strings.LastIndexByte(run, ':'), 0)]} {
				if b, ok := testAddr(c); ok && b.WithZone("").Unmap() == a.WithZone("").Unmap() {
					return true
				}
			}
		}
	}
	if p.cat == MACs && testMACRE.MatchString(o) {
		hex := strings.NewReplacer(":", "", "-", "", ".", "").Replace(o)
		for _, run := range regexp.MustCompile(`[0-9a-f][0-9a-f.:-]+[0-9a-f]`).FindAllString(t, -1) {
			if testMACRE.MatchString(run) && strings.NewReplacer(":", "", "-", "", ".", "").Replace(run) == hex {
				return true
			}
		}
	}
	_, isAddr := testAddr(o)
	for from := 0; from < len(t); {
		k := strings.Index(t[from:], o)
		if k < 0 {
			return false
		}
		i, j := from+k, from+k+len(o)
		from = i + 1
		before, after := byte(0), byte(0)
		if i > 0 {
			before = t[i-1]
		}
		if j < len(t) {
			after = t[j]
		}
		alnum := func(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' }
		switch {
		case testGUIDRE.MatchString(o):
			return true
		case testLooksEmail(o):
			if !(alnum(after) || after == '_' || after == '-' || after == '.' && j+1 < len(t) && alnum(t[j+1])) {
				return true
			}
		case testLooksPhone(o) && !strings.ContainsAny(o, " ()-."):
			if !(after >= '0' && after <= '9') {
				return true
			}
		case isAddr || (p.cat == MACs && testMACRE.MatchString(o)):
			if !alnum(before) && before != '.' && before != ':' && !alnum(after) {
				return true
			}
		default:
			r0, _ := utf8.DecodeRuneInString(o)
			rl, _ := utf8.DecodeLastRuneInString(o)
			rb, _ := utf8.DecodeLastRuneInString(t[:i])
			ra, _ := utf8.DecodeRuneInString(t[j:])
			if (!testWordRune(r0) || i == 0 || !testWordRune(rb)) && (!testWordRune(rl) || j == len(t) || !testWordRune(ra)) {
				return true
			}
		}
	}
	return false
}

// exemptTokens are the tokens the second pass leaves alone: values of one
// lower-case word (enumerations), member names of one word (schema names),
// and "@odata.type" values.
func exemptTokens(toks []rtok) map[int]bool {
	ex := map[int]bool{}
	for i, tk := range toks {
		switch {
		case tk.kind != 's':
		case tk.key && keyWordRE.MatchString(tk.text):
			ex[i] = true
		case !tk.key && schemaRE.MatchString(tk.text):
			ex[i] = true
		case !tk.key && i > 0 && toks[i-1].key && strings.HasSuffix(strings.ToLower(toks[i-1].text), "@odata.type"):
			ex[i] = true
		}
	}
	return ex
}

// TestRedactEverywhere: a record whose personal values stand again under
// unknown members, x- fields, AdditionalProperties and a member name,
// inside free text, a user agent and links, in other cases and spellings.
// Each occurrence gets its value's own pseudonym; no original is left;
// the verdicts and findings do not change; what is not anyone's stays.
func TestRedactEverywhere(t *testing.T) {
	in := readRedactFixture(t, "everywhere.json")
	out, counts := mustRedact(t, in)
	checkRedaction(t, in, out)
	checkSameResults(t, in, out)

	// Nothing of the originals anywhere in the bytes, in any case (but in
	// the values that only look alike).
	lower := bytes.ToLower(bytes.Replace(out, []byte("alice.okafor@contoso.community"), nil, 1))
	for _, orig := range []string{
		"Alice Okafor", "alice.okafor@contoso.com", "alice.okafor%40contoso.com", "Bob Lindqvist", "bob.lindqvist@contoso.com",
		"Chiara Rossi", "a1d4c7e2-3b5f-4a69-8c0d-2e7f9b1a4c63", "c3f8e1b0-7a24-4d95-b6e2-5f0a9c8d7e14",
		"e9b2d4f6-1c3a-4e58-a7d9-0b6c8f2e4a35", "7e1f0c3a-55b2-4d8e-9c41-0a6f2b9d3e11", "14255550123",
		"192.168.1.47", "203.0.113.77", "192.168.1.1\"", "192.168.1.1 ", "2a01:4f8:c0c:1234", "3c:a0:67:5e:21:9b", "3c-a0-67-5e-21-9b", "3ca0675e219b",
		"CONTOSO-LT-4471", "Headset Microphone (Jabra Evolve2 65)", "corp.contoso.com", "kept dropping out",
	} {
		if i := bytes.Index(lower, []byte(strings.ToLower(orig))); i >= 0 {
			t.Errorf("%q is still in the output: …%s…", orig, out[max(i-40, 0):min(i+60, len(out))])
		}
	}

	get := func(path string) string { return gjson.GetBytes(out, path).String() }
	alice, aliceUPN, tenant := get("organizer_v2.id"), get("organizer_v2.identity.user.userPrincipalName"), get("organizer_v2.identity.user.tenantId")
	aliceIP := get("sessions.0.segments.0.media.0.callerNetwork.ipAddress")
	mac := get("sessions.0.segments.0.media.0.callerNetwork.macAddress") // 02:00:00:00:00:01
	for path, want := range map[string]string{
		// the same pseudonym as in the value's own field
		"x-extra.upn":    aliceUPN,
		"x-extra.who":    "Person 1",
		"x-extra.tenant": tenant,
		"x-extra.mac":    strings.ReplaceAll(mac, ":", ""),
		"x-extra.ip":     aliceIP + ":50000",
		"x-extra.ip6":    "[" + get("sessions.0.segments.0.media.0.calleeNetwork.ipAddress") + "]:443",
		"x-extra.mapped": "::ffff:" + aliceIP,
		"x-extra.link": "https://contoso.sharepoint.com/sites/x?upn=" + strings.Replace(aliceUPN, "@", "%40", 1) + "&oid=" + alice +
			"&tel=%2B" + strings.TrimPrefix(get("participants_v2.3.id"), "+"),
		"x-extra.phoneNumber": get("participants_v2.3.id"),
		"x-extra.device":      get("sessions.0.segments.0.media.0.callerDevice.captureDeviceName"),
		"x-extra.dns":         "redacted.example",
		"x-extra.seenAs":      get("sessions.0.segments.0.media.0.callerNetwork.reflexiveIPAddress") + " via " + get("sessions.0.segments.0.media.0.callerNetwork.traceRouteHops.0.ipAddress"),
		"x-extra.feedback":    get("sessions.0.caller.feedback.text"),
		"x-extra.guestAlone":  "Person 3",
		"x-notes": "Escalated by Person 1 (" + aliceUPN + ", " + get("participants_v2.3.id") + ") on Machine 1 at " + aliceIP +
			". Person 1 says Person 2's Wi-Fi (" + strings.ToUpper(strings.ReplaceAll(mac, ":", "-")) + ") drops.",
		"participants_v2.1.identity.user.AdditionalProperties.userPrincipalName": "person2@example.com",
		"participants_v2.1.identity.user.AdditionalProperties.x-manager":         "Person 1",
		"participants_v2.1.identity.user.AdditionalProperties.x-mobile":          get("participants_v2.3.id"),
		"sessions.0.caller.AdditionalProperties.x-machine":                       "Machine 1",
		"sessions.0.caller.AdditionalProperties.x-lastUser":                      "Person 2",
		"sessions.0.caller.AdditionalProperties.x-ip":                            aliceIP,
		"sessions.0.caller.userAgent.headerValue":                                "Teams/25.1 (Machine 1; " + aliceUPN + ")",
		// not anyone's: an enumeration, a one-word machine name in a user
		// agent, another address, another domain
		"x-extra.platform":                        "android",
		"sessions.0.callee.userAgent.headerValue": "Teams/1416 (Pixel 8; Android 15)",
		"sessions.0.callee.userAgent.platform":    "android",
		"x-extra.notAnyone":                       "Contoso CPU, 192.168.1.48, alice.okafor@contoso.community",
		"sessions.0.caller.@odata\\.type":         "#microsoft.graph.callRecords.participantEndpoint",
	} {
		if got := get(path); got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
	if !gjson.GetBytes(out, aliceUPN).IsObject() && !gjson.GetBytes(out, strings.ReplaceAll(aliceUPN, ".", `\.`)).IsObject() {
		t.Error("the member named by Alice's UPN was not renamed to her pseudonym")
	}
	if counts[Names] < 10 || counts[IPs] < 8 {
		t.Errorf("counts %v do not count the occurrences", counts)
	}
	twice, _ := mustRedact(t, out)
	if !bytes.Equal(twice, out) {
		t.Errorf("redacting twice differs:\n%s", firstDiff(out, twice))
	}
}
