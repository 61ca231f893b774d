package data

// Service roles and the SBC a gateway names, in words.

import (
	"github.com/callscope/callscope/text"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SBCName is the session border controller a gateway's user agent names:
// the first host name in it ("sbc1.contoso.com" in
// "sbc1.contoso.com/1.0"), else the product before the first slash
// ("AudioCodes" in "AudioCodes/7.40A.500.775"); "" when it names neither.
// A host name has two or more dot-separated labels of letters, digits and
// hyphens, the last of letters only: versions and addresses are not hosts.
func SBCName(header string) string {
	header = text.Clean(header)
	for rest := header; rest != ""; {
		i := strings.IndexFunc(rest, isTokenEnd)
		if i < 0 {
			i = len(rest)
		}
		if tok := rest[:i]; isHostName(tok) {
			return tok
		}
		rest = strings.TrimLeftFunc(rest[i:], isTokenEnd)
	}
	product, _, _ := strings.Cut(header, "/")
	product = strings.TrimSpace(product)
	if strings.ContainsFunc(product, unicode.IsLetter) {
		return text.Truncate(product, 40)
	}
	return ""
}

// isTokenEnd ends a token of a user agent: "sbc1.contoso.com/1.0 (x; y)".
func isTokenEnd(r rune) bool {
	return r == '/' || r == ';' || r == ',' || r == '(' || r == ')' || r == '@' || r == '=' || unicode.IsSpace(r)
}

// isHostName tells a host name: two or more dot-separated labels of
// letters, digits and hyphens, the last of letters only.
func isHostName(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if len(s) > 253 || !strings.Contains(s, ".") {
		return false
	}
	labelStart, letters := 0, true // letters: the label so far is letters only
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			l := s[labelStart:i]
			if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
				return false
			}
			if i == len(s) {
				return letters && len(l) >= 2
			}
			labelStart, letters = i+1, true
			continue
		}
		switch c := s[i]; {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case c >= '0' && c <= '9' || c == '-':
			letters = false
		default:
			return false
		}
	}
	return false
}

// roleWords names serviceRole values, keyed as Graph spells them; unknown
// roles are split into words.
var roleWords = map[string]string{
	"skypeForBusinessAudioVideoMcu":                           "Conference server",
	"skypeForBusinessApplicationSharingMcu":                   "App sharing server",
	"skypeForBusinessMicrosoftTeamsGateway":                   "Teams gateway",
	"skypeForBusinessCallQueues":                              "Call queue",
	"skypeForBusinessAutoAttendant":                           "Auto attendant",
	"mediationServer":                                         "Mediation server",
	"mediationServerCloudConnectorEdition":                    "Mediation server (CCE)",
	"exchangeUnifiedMessagingService":                         "Exchange UM",
	"mediaController":                                         "Media controller",
	"conferencingAnnouncementService":                         "Announcement service",
	"conferencingAttendant":                                   "Conferencing attendant",
	"audioTeleconferencerController":                          "Audio conferencing",
	"skypeForBusinessUnifiedCommunicationApplicationPlatform": "UCAP",
	"responseGroupServiceAnnouncementService":                 "Response group announcements",
	"gateway":                   "PSTN gateway",
	"skypeTranslator":           "Translator",
	"skypeForBusinessAttendant": "Attendant",
	"responseGroupService":      "Response group",
	"voicemail":                 "Voicemail",
	"customBot":                 "Bot",
	"unknown":                   "Service",
	"unknownFutureValue":        "Service",
}

// roleWordsFolded is roleWords by lower-cased key, for other spellings.
var roleWordsFolded = func() map[string]string {
	m := make(map[string]string, len(roleWords))
	for k, v := range roleWords {
		m[strings.ToLower(k)] = v
	}
	return m
}()

// RoleWords names a service role: "skypeForBusinessAudioVideoMcu" → "Conference server".
func RoleWords(role string) string {
	// Graph's own spelling first: folding the case would allocate for every
	// service endpoint of a big meeting's report.
	if w, ok := roleWords[role]; ok {
		return w
	}
	if w, ok := roleWordsFolded[strings.ToLower(role)]; ok {
		return w
	}
	w := text.SplitCamel(role)
	if w == "" {
		return "Service"
	}
	// The first letter may take several bytes ("écouteurBot").
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[size:]
}
