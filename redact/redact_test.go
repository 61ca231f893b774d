package redact

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/generate"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/internal/golden"
	"github.com/callscope/callscope/internal/parallel"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/report"
	"github.com/callscope/callscope/samples"
)

// ---------------------------------------------------------------------------------------
// An independent reading of a document: encoding/json's tokenizer, with each
// token's exact bytes, and the personal values found by the rules of the
// redaction as documented (not by Redact's own walk).

// rtok is one token: its raw bytes, the bytes before it (whitespace, ':' and
// ','), and its decoded text.
type rtok struct {
	lead, raw string
	kind      byte // '{', '}', '[', ']', 's' string, 'n' number, 'b' bool, 'z' null
	key       bool
	text      string // a string's decoded text or a number's digits
}

func tokenize(t testing.TB, b []byte) (toks []rtok, tail string) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var stack []byte
	wantKey := false
	last := 0
	for {
		tk, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("tokenize: %v", err)
		}
		end := int(dec.InputOffset())
		seg := string(b[last:end])
		start := strings.IndexFunc(seg, func(r rune) bool { return !strings.ContainsRune(" \t\r\n:,", r) })
		tok := rtok{lead: seg[:start], raw: seg[start:]}
		last = end
		switch v := tk.(type) {
		case json.Delim:
			tok.kind = byte(v)
			switch v {
			case '{', '[':
				stack = append(stack, byte(v))
			default:
				stack = stack[:len(stack)-1]
			}
		case string:
			tok.kind, tok.text, tok.key = 's', v, wantKey
		case json.Number:
			tok.kind, tok.text = 'n', string(v)
		case bool:
			tok.kind = 'b'
		case nil:
			tok.kind = 'z'
		}
		toks = append(toks, tok)
		inObject := len(stack) > 0 && stack[len(stack)-1] == '{'
		switch {
		case tok.kind == '{':
			wantKey = true
		case tok.key:
			wantKey = false
		default:
			wantKey = inObject
		}
	}
	return toks, string(b[last:])
}

// jnode is a value of the token tree; members keep duplicates and order.
type jnode struct {
	kind byte // 'o', 'a', or the scalar's token kind
	keys []string
	vals []*jnode
	tok  int // the scalar's token index
}

func tree(toks []rtok) *jnode {
	i := 0
	var read func() *jnode
	read = func() *jnode {
		tk := toks[i]
		i++
		switch tk.kind {
		case '{':
			n := &jnode{kind: 'o'}
			for toks[i].kind != '}' {
				n.keys = append(n.keys, toks[i].text)
				i++
				n.vals = append(n.vals, read())
			}
			i++
			return n
		case '[':
			n := &jnode{kind: 'a'}
			for toks[i].kind != ']' {
				n.vals = append(n.vals, read())
			}
			i++
			return n
		}
		return &jnode{kind: tk.kind, tok: i - 1}
	}
	return read()
}

// personal is what the rules say of one token.
type personal struct {
	cat   Category
	value string
}

// collector applies the documented rules: which keys are personal, in which context.
type collector struct {
	toks   []rtok
	found  map[int]personal // token index → category and original
	annots map[int]bool     // OData annotation strings: links may quote an id
}

func collectPersonal(toks []rtok) *collector {
	c := &collector{toks: toks, found: map[int]personal{}, annots: map[int]bool{}}
	c.walk(tree(toks), "", "")
	return c
}

func normalKey(k string) string { return strings.ReplaceAll(strings.ToLower(k), "_", "") }

type jmember struct {
	key string
	val *jnode
}

// members flattens AdditionalProperties into the parent, as the loader
// does, to the loader's depth.
func members(n *jnode, depth int) []jmember {
	var out []jmember
	for i, k := range n.keys {
		nk := normalKey(k)
		if nk == "additionalproperties" && n.vals[i].kind == 'o' && depth < 4 {
			out = append(out, members(n.vals[i], depth+1)...)
			continue
		}
		out = append(out, jmember{nk, n.vals[i]})
	}
	return out
}

var (
	phoneRE   = regexp.MustCompile(`^(tel:)?\+[0-9][0-9 ().-]{5,}$`)
	emailRE   = regexp.MustCompile(`^[^@\s"<>]+@[^@\s"<>]+\.[^@\s"<>.]+$`)
	alnumRE   = regexp.MustCompile(`[\p{L}\p{N}]|[^\x00-\x7f]`)
	nilGUIDRE = regexp.MustCompile(`^\{?0{8}-0{4}-0{4}-0{4}-0{12}\}?$`)
)

func testLooksPhone(s string) bool {
	s = strings.TrimSpace(s)
	return phoneRE.MatchString(s) && len(strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)) <= 15
}

func testLooksEmail(s string) bool { return emailRE.MatchString(s) }

func (c *collector) mark(v *jnode, cat Category, numbers bool) {
	if v.kind == 's' || (numbers && v.kind == 'n') {
		c.found[v.tok] = personal{cat, c.toks[v.tok].text}
	}
}

func (c *collector) byShape(v *jnode, def Category) {
	if v.kind != 's' && v.kind != 'n' {
		return
	}
	s := c.toks[v.tok].text
	switch {
	case testLooksPhone(s):
		c.mark(v, Phones, true)
	case testLooksEmail(s):
		c.mark(v, Emails, true)
	default:
		c.mark(v, def, true)
	}
}

func (c *collector) walk(n *jnode, ctx, kind string) {
	if n.kind == 'a' {
		for _, e := range n.vals {
			c.walk(e, ctx, kind)
		}
		return
	}
	if n.kind != 'o' {
		return
	}
	ms := members(n, 0)
	hasIdentity := false
	for _, m := range ms {
		hasIdentity = hasIdentity || (m.key == "identity" && m.val.kind == 'o')
	}
	for _, m := range ms {
		k, v := m.key, m.val
		if v.kind == 'o' || v.kind == 'a' {
			switch k {
			case "identity", "organizer", "participants":
				c.walk(v, "set", "")
			case "organizerv2", "participantsv2":
				c.walk(v, "participant", "")
			case "associatedidentity":
				c.walk(v, "identity", "")
			case "caller", "callee":
				c.walk(v, "endpoint", "")
			case "feedback":
				c.walk(v, "feedback", "")
			case "administrativeunitinfos":
				c.walk(v, "unit", "")
			default:
				if ctx == "set" && v.kind == 'o' && !strings.HasPrefix(k, "@") {
					c.walk(v, "identity", k)
				} else {
					c.walk(v, "", "")
				}
			}
			continue
		}
		if strings.Contains(k, "@") {
			if v.kind == 's' && !strings.HasSuffix(k, "@odata.type") {
				c.annots[v.tok] = true
			}
			continue
		}
		switch k {
		case "ipaddress", "subnet", "reflexiveipaddress", "relayipaddress":
			c.mark(v, IPs, false)
		case "macaddress", "basicservicesetidentifier":
			c.mark(v, MACs, false)
		case "dnssuffix":
			c.mark(v, DNS, false)
		case "capturedevicename", "renderdevicename":
			c.mark(v, Devices, false)
		case "joinweburl":
			c.mark(v, URLs, false)
		case "tenantid":
			c.mark(v, IDs, true)
		case "userprincipalname", "mail", "email", "emailaddress":
			c.mark(v, Emails, true)
		case "displayname", "userdisplayname":
			if v.kind == 's' {
				c.byShape(v, Names)
			}
		case "userid":
			c.byShape(v, IDs)
		case "callernumber", "calleenumber", "usertelephonenumber":
			c.mark(v, Phones, true)
		case "id":
			switch {
			case ctx == "identity" && kind == "phone":
				c.mark(v, Phones, true)
			case ctx == "identity" || ctx == "participant":
				c.byShape(v, IDs)
			case ctx == "unit":
				c.mark(v, IDs, true)
			case hasIdentity:
				c.byShape(v, IDs)
			}
		case "name":
			if ctx == "endpoint" {
				c.mark(v, Devices, false)
			}
		case "text":
			if ctx == "feedback" {
				c.mark(v, Feedback, false)
			}
		default:
			if ctx == "identity" && v.kind == 's' && testLooksEmail(c.toks[v.tok].text) {
				c.mark(v, Emails, false)
			}
		}
	}
}

// keptByRule tells the values the rules leave as they are: nothing personal in them.
func keptByRule(p personal) bool {
	s := p.value
	if !alnumRE.MatchString(s) {
		return true // "", "-", ...
	}
	switch p.cat {
	case IPs:
		a, err := netip.ParseAddr(strings.TrimSpace(s))
		return err == nil && a.IsUnspecified()
	case MACs:
		return strings.Trim(s, "0-:. ") == "" && strings.Count(s, "0") >= 12
	case IDs:
		return nilGUIDRE.MatchString(s)
	}
	return false
}

// pseudonymRE matches every pseudonym Redact makes.
var pseudonymRE = regexp.MustCompile(`^(` +
	`Person \d+( \(Guest\))?|Application \d+|Device \d+|Machine \d+|` +
	`(person|user)\d+@example\.com|\+1555000\d{4,}|00000000-0000-4000-8000-\d{12}|` +
	`(::ffff:)?(10\.\d+|198\.1[89]|2[45]\d\.\d+)\.\d+\.\d+(/\d+)?|(fd00|2001:db8)(:[0-9a-f]*)*(/\d+)?|` +
	`02([-:.]?[0-9A-Fa-f]{2})+|host\d+\.redacted\.example|` +
	`https://teams\.microsoft\.com/l/meetup-join/redacted|redacted\.example|\(feedback text \d+ redacted\))$`)

// ---------------------------------------------------------------------------------------
// The checks.

// checkRedaction compares a document with its redaction: every byte kept but
// the personal values, every personal value replaced, no original left
// anywhere, and each original always given the same pseudonym. keep lists
// categories that must be unchanged.
func checkRedaction(t *testing.T, in, out []byte, keep ...Category) {
	t.Helper()
	if !json.Valid(out) {
		t.Fatal("the output is not valid JSON")
	}
	ti, tailIn := tokenize(t, in)
	to, tailOut := tokenize(t, out)
	if len(ti) != len(to) || tailIn != tailOut {
		t.Fatalf("the shape changed: %d tokens in, %d out", len(ti), len(to))
	}
	c := collectPersonal(ti)
	kept := func(p personal) bool { return slices.Contains(keep, p.cat) || keptByRule(p) }

	// The values the rules look for again everywhere else, and the
	// untouched values (of no one's fields) that hold one.
	var recurring []personal
	for _, p := range c.found {
		if !kept(p) && recurs(p) {
			recurring = append(recurring, recurForms(p)...)
		}
	}
	holds := func(text string) bool {
		for _, p := range recurring {
			if occurs(text, p) {
				return true
			}
		}
		return false
	}
	exempt := exemptTokens(to)

	// Same shape, byte for byte outside the personal values and the
	// strings that hold one.
	for i := range ti {
		a, b := ti[i], to[i]
		if a.lead != b.lead {
			t.Fatalf("token %d: the bytes before it changed: %q → %q", i, a.lead, b.lead)
		}
		p, isPersonal := c.found[i]
		switch {
		case isPersonal && !kept(p):
			if a.raw == b.raw {
				t.Errorf("%s value %q was not replaced", p.cat, p.value)
			} else if b.kind != 's' {
				t.Errorf("%s value %q was replaced by %s, not a string", p.cat, p.value, b.raw)
			}
		case a.raw != b.raw && !exempt[i] && holds(a.text):
		case a.raw != b.raw:
			what := "a value that is not personal"
			if isPersonal {
				what = fmt.Sprintf("a %s value that should have been kept", p.cat)
			}
			t.Errorf("token %d (%s) changed: %s → %s", i, what, a.raw, b.raw)
		}
	}

	// No original anywhere: every string and number of the output, member
	// names included, is searched for every original value longer than 3
	// bytes. A pseudonym may contain one by chance (10.0.0.1 in 10.0.0.12):
	// no leak. A value of one plain word ("iPhone", "Default") is searched
	// for only where the redaction touched or had to look: such a word in
	// another field (a user agent's "iPhone15,3") is not the value. Enum
	// values, one-word member names and "@odata.type" values are schema.
	type original struct {
		personal
		everywhere bool
	}
	var originals []original
	for _, p := range c.found {
		if kept(p) || len(p.value) <= 3 {
			continue
		}
		for _, f := range recurForms(p) {
			originals = append(originals, original{f, recurs(p)})
		}
		if p.cat == IDs || p.cat == Emails || p.cat == Phones {
			// as a link quotes them
			for _, q := range []string{url.QueryEscape(p.value), url.PathEscape(p.value)} {
				if q != p.value {
					originals = append(originals, original{personal{p.cat, q}, recurs(p)})
				}
			}
		}
	}
	var strict, context []string
	seen := map[string]bool{}
	for i, tk := range to {
		if (tk.kind != 's' && tk.kind != 'n') || len(tk.text) <= 3 || exempt[i] || pseudonymRE.MatchString(tk.text) {
			continue
		}
		_, wasPersonal := c.found[i]
		ctxOnly := !wasPersonal && tk.raw == ti[i].raw
		key := fmt.Sprint(ctxOnly) + tk.text
		if seen[key] {
			continue
		}
		seen[key] = true
		if ctxOnly {
			context = append(context, tk.text)
		} else {
			strict = append(strict, tk.text)
		}
	}
	hs, hc := newHaystack(strict), newHaystack(context)
	for _, o := range originals {
		for hi, h := range []haystack{hs, hc} {
			if !o.everywhere && hi == 1 {
				continue
			}
			h.findFold(o.value, func(tok string) {
				if occurs(tok, o.personal) || (hi == 0 && !o.everywhere) {
					t.Errorf("original %s value %q appears in the output: %q", o.cat, o.value, tok)
				}
			})
		}
	}

	// Consistency: one pseudonym per original, one original per pseudonym.
	fakeOf := map[string]string{}
	origOf := map[string]string{}
	for i, p := range c.found {
		if kept(p) {
			continue
		}
		key := string(p.cat) + "\x00" + p.value
		fake := to[i].text
		switch p.cat {
		case IDs, Emails, Phones:
			key = "ident\x00" + strings.ToLower(p.value)
		case URLs, DNS:
			continue // one constant
		}
		if f, ok := fakeOf[key]; ok && f != fake {
			t.Errorf("%s value %q became both %q and %q", p.cat, p.value, f, fake)
		}
		fakeOf[key] = fake
		fkey := string(p.cat) + "\x00" + fake
		if p.cat == IPs || p.cat == MACs {
			fkey = string(p.cat) + "\x00" + normalAddr(fake)
		}
		if o, ok := origOf[fkey]; ok && o != key && !sameAddr(p.cat, o, key) {
			t.Errorf("%q is the pseudonym of two values: %q and %q", fake, strings.Split(o, "\x00")[1], p.value)
		}
		origOf[fkey] = key
		if !pseudonymRE.MatchString(fake) {
			t.Errorf("%s value %q became %q, which is no pseudonym", p.cat, p.value, fake)
		}
		if p.cat == IPs {
			checkAddressClass(t, p.value, fake)
		}
	}
}

// haystack is many texts joined, searched at once for each original.
type haystack struct {
	text   string
	lower  string // text with ASCII letters lower-cased
	starts []int
	toks   []string
}

func newHaystack(toks []string) haystack {
	var b strings.Builder
	h := haystack{toks: toks}
	for _, t := range toks {
		h.starts = append(h.starts, b.Len())
		b.WriteString(t)
		b.WriteByte(0)
	}
	h.text = b.String()
	h.lower = asciiLowerTest(h.text)
	return h
}

// asciiLowerTest lower-cases ASCII letters only, keeping every byte's place.
func asciiLowerTest(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// findFold calls fn with every text that holds sub, in any case.
func (h haystack) findFold(sub string, fn func(tok string)) {
	sub = asciiLowerTest(sub)
	from := 0
	for {
		i := strings.Index(h.lower[from:], sub)
		if i < 0 {
			return
		}
		i += from
		k, _ := slices.BinarySearch(h.starts, i+1)
		fn(h.toks[k-1])
		from = h.starts[k-1] + len(h.toks[k-1]) // on to the next text
	}
}

// normalAddr puts an address or a MAC in one spelling, so that 3c:a0:... and
// 3C-A0-... count as one value.
func normalAddr(s string) string {
	if a, err := netip.ParseAddr(strings.Trim(s, "[]")); err == nil {
		return a.WithZone("").Unmap().String()
	}
	return strings.ToLower(strings.NewReplacer(":", "", "-", "", ".", "", " ", "").Replace(s))
}

func sameAddr(cat Category, a, b string) bool {
	if cat != IPs && cat != MACs {
		return false
	}
	a, b = strings.Split(a, "\x00")[1], strings.Split(b, "\x00")[1]
	return normalAddr(a) == normalAddr(b)
}

// checkAddressClass: v4 stays v4, v6 stays v6, private stays private.
func checkAddressClass(t *testing.T, orig, fake string) {
	t.Helper()
	parse := func(s string) (netip.Addr, bool) {
		s = strings.Trim(strings.TrimSpace(s), "[]")
		if p, err := netip.ParsePrefix(s); err == nil {
			return p.Addr(), true
		}
		a, err := netip.ParseAddr(s)
		return a, err == nil
	}
	a, ok := parse(orig)
	if !ok {
		return
	}
	b, ok := parse(fake)
	if !ok {
		t.Errorf("address %q became %q, which is no address", orig, fake)
		return
	}
	if a.Is4() != b.Is4() || a.Is4In6() != b.Is4In6() {
		t.Errorf("address %q became %q: not the same family", orig, fake)
	}
	if testPrivate(a) != testPrivate(b) {
		t.Errorf("address %q became %q: private %v became %v", orig, fake, testPrivate(a), testPrivate(b))
	}
}

func testPrivate(a netip.Addr) bool {
	a = a.WithZone("").Unmap()
	for _, p := range []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8",
		"169.254.0.0/16", "fc00::/7", "fe80::/10", "::1/128"} {
		if netip.MustParsePrefix(p).Contains(a) {
			return true
		}
	}
	return false
}

// checkSameResults loads both and compares what callscope computes.
func checkSameResults(t *testing.T, in, out []byte) {
	t.Helper()
	fa, errA := load.Load("x.json", in)
	fb, errB := load.Load("x.json", out)
	if (errA == nil) != (errB == nil) {
		t.Fatalf("load before: %v; after: %v", errA, errB)
	}
	if errA != nil {
		return
	}
	if fa.Shape != fb.Shape || fa.PowerShell != fb.PowerShell || len(fa.Records) != len(fb.Records) {
		t.Fatalf("file: %s/%v/%d records, after: %s/%v/%d", fa.Shape, fa.PowerShell, len(fa.Records), fb.Shape, fb.PowerShell, len(fb.Records))
	}
	for ri, a := range fa.Records {
		b := fb.Records[ri]
		if a.ID != b.ID || a.Type != b.Type || a.Version != b.Version || a.ParticipantsFrom != b.ParticipantsFrom {
			t.Errorf("record %d: id/type/version/participants from differ", ri)
		}
		if a.Counts() != b.Counts() {
			t.Errorf("record %d: counts %+v, after %+v", ri, a.Counts(), b.Counts())
		}
		if a.Quality != b.Quality {
			t.Errorf("record %d: quality %+v, after %+v", ri, a.Quality, b.Quality)
		}
		if a.ParticipantCount() != b.ParticipantCount() || len(a.Participants) != len(b.Participants) {
			t.Errorf("record %d: %d participants, after %d", ri, a.ParticipantCount(), b.ParticipantCount())
		}
		if !slices.Equal(a.Warnings, b.Warnings) {
			t.Errorf("record %d: warnings %q, after %q", ri, a.Warnings, b.Warnings)
		}
		pa, pb := a.People(), b.People()
		if len(pa) != len(pb) {
			t.Errorf("record %d: %d people, after %d", ri, len(pa), len(pb))
		} else {
			for i := range pa {
				if !slices.Equal(pa[i].Sessions, pb[i].Sessions) || pa[i].Quality != pb[i].Quality || pa[i].Kind != pb[i].Kind {
					t.Errorf("record %d: person %d: %+v, after %+v", ri, i, pa[i], pb[i])
				}
			}
		}
		for si, se := range a.Sessions {
			sb := b.Sessions[si]
			if se.Caller.Kind != sb.Caller.Kind || se.Callee.Kind != sb.Callee.Kind || se.Quality != sb.Quality {
				t.Errorf("record %d: session %d: endpoint kinds or quality differ", ri, si)
			}
		}
		sa, sb := streamFacts(a), streamFacts(b)
		if len(sa) != len(sb) {
			t.Fatalf("record %d: %d streams, after %d", ri, len(sa), len(sb))
		}
		for i := range sa {
			if sa[i] != sb[i] {
				t.Errorf("record %d: stream %d: %s, after %s", ri, i, sa[i], sb[i])
			}
		}
		fla, flb := report.Build(a).Failures, report.Build(b).Failures
		if len(fla) != len(flb) {
			t.Errorf("record %d: %d failures, after %d", ri, len(fla), len(flb))
		} else {
			for i := range fla {
				x, y := fla[i], flb[i]
				if x.Session != y.Session || x.Segment != y.Segment || x.Stage != y.Stage || x.Reason != y.Reason {
					t.Errorf("record %d: failure %d: %+v, after %+v", ri, i, x, y)
				}
			}
		}
		fa, fb := a.Findings, b.Findings
		if len(fa) != len(fb) {
			t.Errorf("record %d: %d findings, after %d:\n%v\n%v", ri, len(fa), len(fb), fa, fb)
			continue
		}
		for i := range fa {
			if fa[i].Severity != fb[i].Severity || fa[i].Session != fb[i].Session {
				t.Errorf("record %d: finding %d: %v (%s), after %v (%s)", ri, i, fa[i], fa[i].Severity, fb[i], fb[i].Severity)
			}
		}
	}
}

// redactSources are the documents every check runs on: the demo, its
// PowerShell forms, every loadable public sample, a generated meeting and the
// hostile fixture.
func redactSources(t *testing.T) map[string][]byte {
	t.Helper()
	src := map[string][]byte{
		"demo":              samples.Demo,
		"demo-powershell":   fixture.PowerShell(t, samples.Demo, false),
		"demo-powershell51": fixture.PowerShell(t, samples.Demo, true),
		"hostile":           readRedactFixture(t, "hostile.json"),
		"demo-old-shape":    fixture.Read(t, "demo-old-shape.json"), // with the deprecated organizer, participants and identity
		"everywhere":        readRedactFixture(t, "everywhere.json"),
	}
	src["hostile-powershell"] = fixture.PowerShell(t, src["hostile"], false)
	src["everywhere-powershell"] = fixture.PowerShell(t, src["everywhere"], false)
	var gen bytes.Buffer
	if err := generate.Record(&gen, generate.Options{Sessions: 80, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	src["generated"] = gen.Bytes()
	files := fixture.Glob(t, "graph/*.json")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := load.Load(p, b); err == nil {
			src[filepath.Base(p)] = b
		}
	}
	if len(src) < 15 {
		t.Fatalf("only %d sources", len(src))
	}
	return src
}

func readRedactFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustRedact(t testing.TB, b []byte, keep ...Category) ([]byte, map[Category]int) {
	t.Helper()
	out, counts, err := Bytes(b, keep)
	if err != nil {
		t.Fatal(err)
	}
	return out, counts
}

// ---------------------------------------------------------------------------------------
// The tests.

func TestRedactLeavesNoPersonalValue(t *testing.T) {
	for name, in := range redactSources(t) {
		t.Run(name, func(t *testing.T) {
			orig := bytes.Clone(in)
			out, counts := mustRedact(t, in)
			if !bytes.Equal(in, orig) {
				t.Fatal("Redact changed its input")
			}
			checkRedaction(t, in, out)
			checkSameResults(t, in, out)

			// The counts are the values replaced.
			total := 0
			for _, n := range counts {
				total += n
			}
			changed := 0
			ti, _ := tokenize(t, in)
			to, _ := tokenize(t, out)
			for i := range ti {
				if ti[i].raw != to[i].raw {
					changed++
				}
			}
			if total < changed {
				t.Errorf("counts %v add up to %d, but %d values changed", counts, total, changed)
			}
		})
	}
}

func TestRedactKeepsEverythingElse(t *testing.T) {
	for name, in := range redactSources(t) {
		t.Run(name, func(t *testing.T) {
			out, counts := mustRedact(t, in, Categories()...)
			if !bytes.Equal(out, in) {
				t.Error("keeping every category changed the bytes")
			}
			if len(counts) != 0 {
				t.Errorf("counts %v with every category kept", counts)
			}
			once, _ := mustRedact(t, in)
			twice, _ := mustRedact(t, once)
			if !bytes.Equal(once, twice) {
				t.Errorf("redacting twice differs from redacting once:\n%s", firstDiff(once, twice))
			}
		})
	}
}

func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(i-80, 0)
	return fmt.Sprintf("at byte %d:\n%s\n%s", i, a[from:min(i+80, len(a))], b[from:min(i+80, len(b))])
}

// TestRedactConsistent follows one person through the demo: the same id,
// name and UPN wherever they stand.
func TestRedactConsistent(t *testing.T) {
	for _, ps := range []bool{false, true} {
		in := fixture.Read(t, "demo-old-shape.json") // every place Alice's id may be, deprecated ones included
		if ps {
			in = fixture.PowerShell(t, in, false)
		}
		out, _ := mustRedact(t, in)
		get := func(b []byte, path string) string {
			if ps {
				path = fixture.PowerShellPath(path)
			}
			r := gjson.GetBytes(b, path)
			if !r.Exists() {
				t.Fatalf("no %s", path)
			}
			return r.String()
		}
		aliceID := get(in, "organizer_v2.id")
		samePaths := []string{"organizer_v2.id", "organizer_v2.identity.user.id", "participants_v2.0.id",
			"participants_v2.0.identity.user.id", "organizer.user.id", "participants.0.user.id",
			"sessions.0.caller.identity.user.id", "sessions.0.caller.associatedIdentity.id",
			"sessions.0.segments.0.caller.associatedIdentity.id"}
		fake := get(out, samePaths[0])
		if fake == aliceID || !strings.HasPrefix(fake, "00000000-0000-4000-8000-") {
			t.Fatalf("Alice's id became %q", fake)
		}
		for _, p := range samePaths {
			if get(in, p) != aliceID {
				t.Fatalf("the demo changed: %s is not Alice's id", p)
			}
			if got := get(out, p); got != fake {
				t.Errorf("%s: %q, want %q as at %s", p, got, fake, samePaths[0])
			}
		}
		name := get(out, "organizer_v2.identity.user.displayName")
		upn := get(out, "organizer_v2.identity.user.userPrincipalName")
		if name != "Person 1" || upn != "person1@example.com" {
			t.Errorf("Alice is %q, %q; want Person 1, person1@example.com", name, upn)
		}
		for _, p := range []string{"sessions.0.caller.associatedIdentity.displayName", "participants_v2.0.identity.user.displayName"} {
			if got := get(out, p); got != name {
				t.Errorf("%s: %q, want %q", p, got, name)
			}
		}
		tenant := get(out, "organizer_v2.identity.user.tenantId")
		if tenant == fake || !strings.HasPrefix(tenant, "00000000-0000-4000-8000-") || get(out, "participants_v2.1.identity.user.tenantId") != tenant {
			t.Errorf("tenant ids: %q", tenant)
		}
		// The phone number that is a participant's id is their phone identity's id too.
		phone := get(out, "participants_v2.5.id")
		if !strings.HasPrefix(phone, "+1555000") || get(out, "participants_v2.5.identity.phone.id") != phone {
			t.Errorf("the phone participant: %q and %q", phone, get(out, "participants_v2.5.identity.phone.id"))
		}
		// The call's, sessions', segments' and streams' ids stay.
		for _, p := range []string{"id", "sessions.0.id", "sessions.0.segments.0.id", "sessions.0.segments.0.media.0.streams.0.streamId"} {
			if get(in, p) != get(out, p) {
				t.Errorf("%s changed", p)
			}
		}
		// A subnet and its address still line up.
		ip := get(out, "sessions.0.segments.0.media.0.callerNetwork.ipAddress")
		subnet := get(out, "sessions.0.segments.0.media.0.callerNetwork.subnet")
		if ip[:strings.LastIndexByte(ip, '.')] != subnet[:strings.LastIndexByte(subnet, '.')] || !strings.HasSuffix(subnet, ".0") {
			t.Errorf("address %s in subnet %s", ip, subnet)
		}
	}
}

// TestRedactParallel: a meeting big enough to be shared between the cores
// redacts to the same bytes on one core and on many.
func TestRedactParallel(t *testing.T) {
	var gen bytes.Buffer
	if err := generate.Record(&gen, generate.Options{Sessions: 2*parallel.From + 10, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	in := gen.Bytes()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var want []byte
	for _, procs := range []int{1, 2, 3, 8} {
		runtime.GOMAXPROCS(procs)
		out, _ := mustRedact(t, in)
		if want == nil {
			want = out
			continue
		}
		if !bytes.Equal(out, want) {
			t.Fatalf("%d cores: not the bytes of one core:\n%s", procs, firstDiff(want, out))
		}
	}
	checkRedaction(t, in, want)
	checkSameResults(t, in, want)
}

func TestRedactKeep(t *testing.T) {
	in := samples.Demo
	out, counts := mustRedact(t, in, IPs)
	checkRedaction(t, in, out, IPs)
	if _, ok := counts[IPs]; ok {
		t.Errorf("counts %v hold a kept category", counts)
	}
	if counts[Names] == 0 || counts[IDs] == 0 || counts[MACs] == 0 {
		t.Errorf("counts %v: other categories were not redacted", counts)
	}
	for _, p := range []string{"sessions.0.segments.0.media.0.callerNetwork.ipAddress", "sessions.0.segments.0.media.0.callerNetwork.reflexiveIPAddress"} {
		if a, b := gjson.GetBytes(in, p).String(), gjson.GetBytes(out, p).String(); a != b {
			t.Errorf("%s: %q became %q with --keep ip", p, a, b)
		}
	}
	if gjson.GetBytes(out, "organizer_v2.identity.user.displayName").String() != "Person 1" {
		t.Error("names were kept too")
	}

	// Keeping names: UPNs are no longer linked to a name, and still redacted.
	out, _ = mustRedact(t, in, Names)
	checkRedaction(t, in, out, Names)
	if got := gjson.GetBytes(out, "organizer_v2.identity.user.userPrincipalName").String(); got != "user1@example.com" {
		t.Errorf("UPN with names kept: %q", got)
	}
}

func TestParseRedactCategories(t *testing.T) {
	for in, want := range map[string][]Category{
		"":                 nil,
		"ip":               {IPs},
		"ip,names":         {IPs, Names},
		" IPs , Name mac ": {IPs, Names, MACs},
		"upn,email":        {Emails},
		"phone;id;device":  {Phones, IDs, Devices},
		"url,feedback,dns": {URLs, Feedback, DNS},
		"all":              Categories(),
	} {
		got, err := ParseCategories(in)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%q: %v, %v; want %v", in, got, err, want)
		}
	}
	_, err := ParseCategories("ip,nmes")
	if err == nil || !strings.Contains(err.Error(), `"nmes"`) || !strings.Contains(err.Error(), "names, emails, phones, ids, ips, macs, devices, urls, feedback, dns") {
		t.Errorf("error %v", err)
	}
	if len(Categories()) != 10 {
		t.Errorf("categories %v", Categories())
	}
}

// TestRedactHostile: quotes, backslashes, escapes, control characters,
// surrogate pairs, duplicate keys, nested AdditionalProperties, ids as
// numbers, odd addresses; compared with a golden file (-update-redact).
func TestRedactHostile(t *testing.T) {
	in := readRedactFixture(t, "hostile.json")
	out, counts := mustRedact(t, in)
	if !json.Valid(out) {
		t.Fatal("invalid JSON")
	}
	golden.Assert(t, "hostile.golden.json", out)
	for path, want := range map[string]string{
		"organizer.user.id": "00000000-0000-4000-8000-000000000001",
		"organizer_v2.id":   "00000000-0000-4000-8000-000000000001",
		"participants_v2.0.identity.user.userPrincipalName":                        "person1@example.com",
		"participants_v2.1.id":                                                     "+15550000001",
		"participants_v2.1.identity.phone.id":                                      "+15550000001",
		"participants_v2.3.identity.guest.displayName":                             "Person 2 (Guest)",
		"participants_v2.3.identity.applicationInstance.id":                        "00000000-0000-0000-0000-000000000000",
		"participants_v2.3.identity.applicationInstance.displayName":               "Application 1",
		"sessions.0.caller.feedback.rating":                                        "poor",
		"sessions.0.segments.0.media.0.callerNetwork.macAddress":                   "02:00:00:00:00:01",
		"sessions.0.segments.0.media.0.callerNetwork.basicServiceSetIdentifier":    "0200.0000.0002",
		"sessions.0.segments.0.media.0.calleeNetwork.macAddress":                   "00-00-00-00-00-00",
		"sessions.0.segments.0.media.0.calleeNetwork.basicServiceSetIdentifier":    "020000000003",
		"sessions.0.segments.0.media.0.calleeNetwork.dnsSuffix":                    "-",
		"sessions.0.segments.0.media.0.callerNetwork.ipAddress":                    "fd00::1",
		"sessions.0.segments.0.media.0.callerNetwork.subnet":                       "2001:db8::",
		"sessions.0.segments.0.media.0.callerNetwork.reflexiveIPAddress":           "2001:db8::2",
		"sessions.0.segments.0.media.0.callerNetwork.traceRouteHops.1.ipAddress":   "::ffff:10.0.1.34",
		"sessions.0.segments.0.media.0.callerNetwork.traceRouteHops.2.ipAddress":   "0.0.0.0",
		"sessions.0.segments.0.media.0.callerNetwork.unknownFutureField.ipAddress": "10.0.2.2/16",
		"unknownTopLevel.nested.4":                                                 "keep me",
	} {
		if got := gjson.GetBytes(out, path).String(); got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
	if link := gjson.GetBytes(out, `participants_v2@odata\.nextLink`).String(); !strings.Contains(link, "'00000000-0000-4000-8000-000000000001'") ||
		!strings.Contains(link, "'person1%40example.com'") || !strings.HasSuffix(link, "&$skiptoken=x") {
		t.Errorf("nextLink %s", link)
	}
	if counts[Feedback] != 2 || counts[URLs] != 1 {
		t.Errorf("counts %v", counts)
	}
	checkRedaction(t, in, out)
	checkSameResults(t, in, out)
}

// TestRedactLongValues: megabyte values in links and fields take linear time.
func TestRedactLongValues(t *testing.T) {
	long := strings.Repeat("a", 1<<20)
	doc := `{"participants_v2":[{"id":"5d2a9c14-8e3b-4f71-a6c0-91b7e4d2f358","identity":{"user":{"displayName":"` + long + `"}}}],` +
		`"x@odata.nextLink":"` + long + `@x.com%40` + long + `'5d2a9c14-8e3b-4f71-a6c0-91b7e4d2f358'+` + strings.Repeat("1", 1<<20) + `",` +
		`"sessions":[{"caller":{"name":"` + long + `"},"segments":[{"media":[{"callerNetwork":{"macAddress":"` + long + `","ipAddress":"` + long + `"}}]}]}]}`
	out, counts := mustRedact(t, []byte(doc))
	if bytes.Contains(out, []byte("5d2a9c14")) {
		t.Error("the id in the link survived")
	}
	for _, p := range []string{"participants_v2.0.identity.user.displayName", "sessions.0.caller.name",
		"sessions.0.segments.0.media.0.callerNetwork.macAddress", "sessions.0.segments.0.media.0.callerNetwork.ipAddress"} {
		if v := gjson.GetBytes(out, p).String(); len(v) > 100 {
			t.Errorf("%s survived", p)
		}
	}
	if counts[IDs] != 2 || counts[Names] != 1 || counts[Devices] != 1 || counts[MACs] != 1 || counts[IPs] != 1 {
		t.Errorf("counts %v", counts)
	}
}

func TestRedactAddressFormats(t *testing.T) {
	doc := `{"sessions":[{"segments":[{"media":[{"callerNetwork":{"traceRouteHops":[` +
		`{"ipAddress":"192.168.1.20"},{"ipAddress":"192.168.1.0"},{"ipAddress":"192.168.2.20"},` +
		`{"ipAddress":"172.31.255.1"},{"ipAddress":"172.32.0.1"},{"ipAddress":"100.127.0.1"},{"ipAddress":"100.128.0.1"},` +
		`{"ipAddress":"169.254.3.4"},{"ipAddress":"127.0.0.2"},{"ipAddress":"8.8.8.8"},{"ipAddress":"8.8.4.4"},` +
		`{"ipAddress":"FC00::5"},{"ipAddress":"2a00:1450:4001::200e"},{"ipAddress":"[2a00:1450:4001::200f]"},` +
		`{"ipAddress":"::1"},{"ipAddress":"::"},{"ipAddress":"192.168.1.20"}]}}]}]}]}`
	out, counts := mustRedact(t, []byte(doc))
	var got []string
	for _, r := range gjson.GetBytes(out, "sessions.0.segments.0.media.0.callerNetwork.traceRouteHops.#.ipAddress").Array() {
		got = append(got, r.String())
	}
	want := []string{"10.0.0.20", "10.0.0.0", "10.0.1.20", "10.0.2.1", "198.18.0.1", "10.0.3.1", "198.18.1.1",
		"10.0.4.4", "10.0.5.2", "198.18.2.8", "198.18.3.4",
		"fd00::1", "2001:db8::2", "2001:db8::3", "fd00:0:0:1::4", "::", "10.0.0.20"}
	if !slices.Equal(got, want) {
		t.Errorf("addresses\n got %q\nwant %q", got, want)
	}
	if counts[IPs] != 16 {
		t.Errorf("counts %v", counts)
	}
	checkRedaction(t, []byte(doc), out)

	macs := `{"macAddress":["a"],"x":[{"macAddress":"3c-a0-67-5e-21-9b"},{"macAddress":"3C:A0:67:5E:21:9B"},{"macAddress":"3ca0675e219c"},` +
		`{"macAddress":"00-00-00-00-00-00-00-01"},{"macAddress":"unknown"},{"macAddress":"00:00:00:00:00:00"}]}`
	out, _ = mustRedact(t, []byte(macs))
	got = nil
	for _, r := range gjson.GetBytes(out, "x.#.macAddress").Array() {
		got = append(got, r.String())
	}
	want = []string{"02-00-00-00-00-01", "02:00:00:00:00:01", "020000000002", "02-00-00-00-00-00-00-03", "02-00-00-00-00-04", "00:00:00:00:00:00"}
	if !slices.Equal(got, want) {
		t.Errorf("MACs\n got %q\nwant %q", got, want)
	}
}

func TestRedactEncodings(t *testing.T) {
	plain, _ := mustRedact(t, samples.Demo)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(samples.Demo)
	zw.Close()
	u := utf16.Encode([]rune(string(samples.Demo)))
	le := []byte{0xff, 0xfe}
	for _, c := range u {
		le = append(le, byte(c), byte(c>>8))
	}
	bom := append([]byte{0xef, 0xbb, 0xbf}, samples.Demo...)
	for name, in := range map[string][]byte{"gzip": gz.Bytes(), "utf-16le": le, "utf-8 bom": bom} {
		out, _ := mustRedact(t, in)
		if !bytes.Equal(out, plain) {
			t.Errorf("%s: not the plain redaction", name)
		}
	}
}

func TestRedactErrors(t *testing.T) {
	for _, in := range []string{`{"id": "x",`, `{"id": "x"} trailing`, `[1,2,]`, `{"a":"\x"}`} {
		_, _, err := Named("call.json", []byte(in), nil)
		_, lerr := load.Load("call.json", []byte(in))
		var se *load.SyntaxError
		if err == nil || lerr == nil || err.Error() != lerr.Error() || !errors.As(err, &se) {
			t.Errorf("%q: %v; Load says %v", in, err, lerr)
		}
	}
	if _, _, err := Bytes([]byte(`{"a":`), nil); err == nil || !strings.HasPrefix(err.Error(), "input:") {
		t.Errorf("Redact's error %v", err)
	}
	if _, _, err := Named("e.json", []byte(" \n"), nil); err == nil || err.Error() != "e.json: the file is empty" {
		t.Errorf("empty: %v", err)
	}
	if _, _, err := Named("z.json.gz", []byte{0x1f, 0x8b, 1, 2}, nil); err == nil || !strings.Contains(err.Error(), "gzip") {
		t.Errorf("bad gzip: %v", err)
	}
}

// FuzzRedact: never panics; on valid JSON the output is valid JSON, loads
// whenever the input loads, and redacts to itself.
func FuzzRedact(f *testing.F) {
	files := fixture.Glob(f, "graph/*.json")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add(samples.Demo)
	f.Add(fixture.PowerShell(f, samples.Demo, false))
	f.Add(readRedactFixture(f, "hostile.json"))
	f.Add(readRedactFixture(f, "everywhere.json"))
	f.Add([]byte(fixture.Hostile))
	f.Add([]byte(`{"participants_v2":[{"id":"+1 (425) 555-0100","identity":{"phone":{"id":1}}}],"x@odata.nextLink":"'+14255550100'"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, _, err := Bytes(b, nil)
		if err != nil {
			return
		}
		if json.Valid(b) && !json.Valid(out) {
			t.Fatalf("invalid output %q", out)
		}
		if _, err := load.Load("in", b); err == nil {
			if _, err := load.Load("in", out); err != nil {
				t.Fatalf("the input loads, the output does not: %v", err)
			}
		}
		again, _, err := Bytes(out, nil)
		if err != nil {
			t.Fatalf("the output does not redact: %v", err)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("redacting twice differs:\n%s", firstDiff(out, again))
		}
	})
}

// BenchmarkRedact redacts the generated 7,500-session meeting (about 100 MB).
func BenchmarkRedact(b *testing.B) {
	doc := fixture.Big(b)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		out, counts, err := Bytes(doc, nil)
		if err != nil || len(out) == 0 || counts[IPs] == 0 {
			b.Fatal(err)
		}
	}
}

func TestRedactRefusesDeepNestingAndBadJSONWithoutCrashing(t *testing.T) {
	const n = 200000
	deep := `{"x":` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}`
	if _, _, err := Named("deep.json", []byte(deep), nil); err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Errorf("deep: %v", err)
	}
	var se *load.SyntaxError
	if _, _, err := Named("bad.json", []byte(`{"id":"x",}`), nil); !errors.As(err, &se) || se.Line != 1 {
		t.Errorf("bad JSON: %v", err)
	}
}

// streamFacts are a record's streams, one line each: where each stands, its
// kind, its verdict and why.
func streamFacts(r *data.Record) []string {
	var out []string
	for _, se := range r.Sessions {
		for _, sg := range se.Segments {
			for _, m := range sg.Media {
				for _, st := range m.Streams {
					var why []string
					for _, rs := range st.Quality.Reasons {
						why = append(why, rs.Text())
					}
					out = append(out, fmt.Sprintf("%s/%s/%s/%s %s %s %q", se.ID, sg.ID, m.Label, st.StreamID, st.Kind, st.Quality.Verdict, why))
				}
			}
		}
	}
	return out
}
