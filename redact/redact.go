// Package redact pseudonymises a call record's bytes to send it to a
// vendor: every personal value, in a field it knows and then wherever else
// it stands in the file, becomes a stable pseudonym; every other byte stays.
package redact

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/callscope/callscope/internal/parallel"
	"github.com/callscope/callscope/jsonscan"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/text"
	"unsafe"
)

// Category is a kind of personal data.
type Category string

// The categories. Which keys belong to which category, and in what context,
// is told at redactScalar; the pseudonym of each is made by the pseudonyms type.
const (
	Names    Category = "names"    // displayName of identities (and PSTN logs' userDisplayName)
	Emails   Category = "emails"   // userPrincipalName, and any e-mail-looking id, display name or identity field
	Phones   Category = "phones"   // phone numbers: phone identity ids, E.164 participant ids and display names
	IDs      Category = "ids"      // identity ids, tenantId, participant ids, administrative unit ids
	IPs      Category = "ips"      // ipAddress, subnet, reflexiveIPAddress, relayIPAddress, trace-route hops
	MACs     Category = "macs"     // macAddress, basicServiceSetIdentifier
	Devices  Category = "devices"  // captureDeviceName, renderDeviceName, and the endpoint's machine "name"
	URLs     Category = "urls"     // joinWebUrl
	Feedback Category = "feedback" // feedback text
	DNS      Category = "dns"      // dnsSuffix
)

// rcat indexes redactOrder: counting in an array is cheaper than in a map.
type rcat uint8

const (
	rcNames rcat = iota
	rcEmails
	rcPhones
	rcIDs
	rcIPs
	rcMACs
	rcDevices
	rcURLs
	rcFeedback
	rcDNS
	nRedact
	rcDead = nRedact // an item that turned out not to be personal
)

var redactOrder = [nRedact]Category{Names, Emails, Phones, IDs, IPs,
	MACs, Devices, URLs, Feedback, DNS}

// Categories lists every category, in the order help texts show them.
func Categories() []Category { return slices.Clone(redactOrder[:]) }

// redactAliases are the words ParseCategories takes besides the
// categories' own names.
var redactAliases = map[string]Category{
	"name": Names, "displayname": Names, "displaynames": Names, "people": Names,
	"email": Emails, "e-mail": Emails, "e-mails": Emails, "mail": Emails,
	"upn": Emails, "upns": Emails,
	"phone": Phones, "phonenumber": Phones, "phonenumbers": Phones,
	"id": IDs, "guid": IDs, "guids": IDs,
	"ip": IPs, "ipaddress": IPs, "ipaddresses": IPs, "address": IPs, "addresses": IPs,
	"mac": MACs, "macaddress": MACs, "bssid": MACs, "bssids": MACs,
	"device": Devices, "devicename": Devices, "machine": Devices, "machines": Devices,
	"url": URLs, "link": URLs, "links": URLs, "joinweburl": URLs,
	"text": Feedback, "dnssuffix": DNS, "domain": DNS,
}

// ParseCategories reads a list such as "ip,names" (commas or spaces
// between the words; singular forms such as "ip" for "ips"; "all" for every
// category). The error names the valid values.
func ParseCategories(list string) ([]Category, error) {
	var out []Category
	for _, w := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == ';' }) {
		w = strings.ToLower(w)
		if w == "all" {
			return Categories(), nil
		}
		c, ok := redactAliases[w]
		if !ok && slices.Contains(redactOrder[:], Category(w)) {
			c, ok = Category(w), true
		}
		if !ok {
			names := make([]string, len(redactOrder))
			for i, c := range redactOrder {
				names[i] = string(c)
			}
			return nil, fmt.Errorf("unknown category %q: valid values are %s, or all (singular forms such as \"ip\" work too)",
				w, strings.Join(names, ", "))
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

// Bytes rewrites an export with personal data replaced by stable pseudonyms. keep lists
// categories left as they are. It returns the new bytes and how many values of each category
// were replaced.
//
// The pseudonyms, numbered in the order the values first appear, so the same
// file always redacts to the same bytes and a redacted file redacts to itself:
//
//	names     "Person 1", "Application 1" (application identities); " (Guest)" is kept
//	emails    "person1@example.com" when the identity's name is Person 1, else "user1@example.com"
//	phones    "+15550000001"
//	ids       "00000000-0000-4000-8000-000000000001"; the nil GUID is kept
//	ips       IPv4 keeps its last octet and maps its /24: private to 10.x.y.0/24, public to
//	          198.18.0.0/15; IPv6 maps its /64 to fd00:0:x:y (private, link-local) or
//	          2001:db8:x:y and numbers interface ids; 0.0.0.0 and :: are kept
//	macs      02-00-00-00-00-01, in the input's separators, grouping, case and length;
//	          an all-zero address is kept
//	devices   "Device 1" (capture and render devices), "Machine 1" (the endpoint's name)
//	urls      "https://teams.microsoft.com/l/meetup-join/redacted"
//	feedback  "(feedback text 1 redacted)": numbered, so that two texts stay two findings
//	dns       "redacted.example"
//
// Ids, phone numbers and e-mail addresses share one table keyed without case:
// a phone number that is a participant's id and their phone identity's id get
// one pseudonym. Empty values, nulls and values without a letter or digit
// ("-") are kept.
//
// A value found in a field the walk knows is then replaced wherever else it
// stands in the file, by the same pseudonym: under unknown members, in
// AdditionalProperties, in member names, inside links, user agents and free
// text (see recurrences for what is looked for where). The rest of such a
// string keeps its bytes.
//
// Every byte of the input is kept except the replaced values: key order,
// whitespace, duplicate keys, unknown fields, nulls and the PowerShell shape
// survive. Gzip and UTF-16 input is decoded first and written as UTF-8.
// Invalid JSON gives the *load.SyntaxError load gives, named "input" (see
// Named). The counts hold every category not kept, zero included.
func Bytes(b []byte, keep []Category) ([]byte, map[Category]int, error) {
	return Named("input", b, keep)
}

// Named is Bytes with the source's name for error messages, as load takes it.
func Named(name string, b []byte, keep []Category) ([]byte, map[Category]int, error) {
	b, err := load.Decode(name, b)
	if err != nil {
		return nil, nil, err
	}
	src := unsafe.String(unsafe.SliceData(b), len(b)) // b does not change
	if len(strings.TrimSpace(src)) == 0 {
		return nil, nil, fmt.Errorf("%s: the file is empty", name)
	}
	// The check runs beside the walk, which is safe on any bytes (the
	// redaction walk skips much of a record, so it cannot be the check).
	var verr error
	checked := parallel.Go(func() { verr = load.CheckJSON(name, b) })

	r := &redactWalk{items: make([]redactItem, 0, 64)}
	for _, k := range keep {
		if i := slices.Index(redactOrder[:], k); i >= 0 {
			r.keep[i] = true
		}
	}
	r.top = true
	if root := jsonscan.Root(src); root.IsArray() {
		r.elements(root, ctxGeneric, "")
	} else {
		r.walk(root, ctxGeneric, "")
	}
	checked()
	if verr != nil {
		return nil, nil, verr
	}

	var p pseudonyms
	var counts [nRedact]int
	p.assign(r.items, &counts)
	again := p.recurrences(b, r.items, &counts)
	out := splice(b, r.items, again)

	m := map[Category]int{}
	for i, c := range redactOrder {
		if !r.keep[i] {
			m[c] = counts[i]
		}
	}
	return out, m, nil
}

// ---------------------------------------------------------------------------------------
// The walk: which values are personal. Keys are matched as the loader matches
// them (lower case, underscores removed, AdditionalProperties members read as
// their parent's), so the PowerShell shape is redacted like the raw one.

// rctx is what the object being walked is.
type rctx uint8

const (
	ctxGeneric     rctx = iota
	ctxIdentitySet      // organizer, participants[], *.identity: every object member is an identity
	ctxIdentity         // user, guest, phone, ..., associatedIdentity
	ctxParticipant      // participants_v2[], organizer_v2: "id" is the participant's
	ctxEndpoint         // caller, callee: "name" is the machine
	ctxFeedback         // "text" is what the user wrote
	ctxAdminUnit        // administrativeUnitInfos[]: "id" is the unit's
)

// fake prefixes for names and devices.
const (
	prefixPerson uint8 = iota
	prefixApplication
	prefixDevice  = 0
	prefixMachine = 1
)

// redactItem is one value to replace: its span in the source, what it was,
// and (after assign) what replaces it.
type redactItem struct {
	start, end int
	orig       string // the value unescaped
	repl       string // JSON text of the replacement; "" keeps the value
	group      int32  // the identity object it belongs to, for linking a UPN to its name
	cat        rcat
	prefix     uint8
	fresh      bool // the first item of its value: the one the second pass indexes
}

type redactWalk struct {
	keep  [nRedact]bool
	items []redactItem
	group int32
	depth int
	top   bool // the main walk, which may share big arrays between the cores
}

// elements walks a big array (a meeting's sessions, a list's records) on
// every core, as the loader does. Each worker walks its share with its own
// scanner and collects its own items; joined in order, they are what one
// walk would have found, so the pseudonyms do not depend on the number of
// cores. The array itself is walked by the split: the walk that holds it
// goes on after it.
func (r *redactWalk) elements(v jsonscan.Value, c rctx, kind string) {
	if !r.top || !v.IsArray() || runtime.GOMAXPROCS(0) < 2 {
		r.walk(v, c, kind)
		return
	}
	elems := v.Split()
	workers := parallel.Workers(len(elems))
	if workers < 2 {
		scan := v.Scanner().Fork()
		for _, e := range elems {
			r.walk(e.On(scan), c, kind)
		}
		return
	}
	size := v.End() - v.Pos()
	subs := make([]redactWalk, workers)
	parallel.Run(workers, func(w int) {
		sub := &subs[w]
		sub.keep, sub.depth = r.keep, r.depth
		sub.items = make([]redactItem, 0, size/workers/256)
		lo, hi := w*len(elems)/workers, (w+1)*len(elems)/workers
		scan := v.Scanner().Fork()
		for i := lo; i < hi; i++ {
			sub.walk(elems[i].On(scan), c, kind)
		}
	})
	n := 0
	for i := range subs {
		n += len(subs[i].items)
	}
	r.items = slices.Grow(r.items, n)
	for i := range subs {
		sub := &subs[i]
		for j := range sub.items {
			if sub.items[j].group != 0 {
				sub.items[j].group += r.group
			}
		}
		r.group += sub.group
		r.items = append(r.items, sub.items...)
	}
}

// maxRedactDepth bounds the recursion: real exports nest some twenty levels;
// deeper values of a hostile file are copied as they are.
const maxRedactDepth = 256

func (r *redactWalk) walk(v jsonscan.Value, c rctx, kind string) {
	if r.depth >= maxRedactDepth {
		return
	}
	r.depth++
	defer func() { r.depth-- }()
	if v.IsArray() {
		v.Elements(func(e jsonscan.Value) bool {
			if e.IsObject() || e.IsArray() {
				r.walk(e, c, kind)
			}
			return true
		})
		return
	}
	if !v.IsObject() {
		return
	}
	var group int32
	if c == ctxIdentity {
		r.group++
		group = r.group
	}
	// "id"s of an object that may turn out to be a participant: their items
	// hold their place, dead until the object is known.
	var pendBuf [2]int
	pending := pendBuf[:0]
	hasIdentity := false
	v.Fields(func(k string, m jsonscan.Value) bool {
		if m.IsObject() || m.IsArray() {
			switch k {
			case "identity":
				hasIdentity = hasIdentity || m.IsObject()
				r.walk(m, ctxIdentitySet, "")
			case "organizer", "participants":
				r.walk(m, ctxIdentitySet, "")
			case "organizerv2", "participantsv2":
				r.walk(m, ctxParticipant, "")
			case "associatedidentity":
				r.walk(m, ctxIdentity, "")
			case "caller", "callee":
				r.walk(m, ctxEndpoint, "")
			case "feedback":
				r.walk(m, ctxFeedback, "")
			case "administrativeunitinfos":
				r.walk(m, ctxAdminUnit, "")
			default:
				if c == ctxIdentitySet && m.IsObject() && !strings.HasPrefix(k, "@") {
					r.walk(m, ctxIdentity, k)
				} else if k == "sessions" || k == "value" {
					r.elements(m, ctxGeneric, "")
				} else {
					r.walk(m, ctxGeneric, "")
				}
			}
			return true
		}
		if k == "id" && (c == ctxGeneric || c == ctxEndpoint || c == ctxFeedback || c == ctxIdentitySet) {
			if (m.Kind() == jsonscan.String && hasAlnum(m.Str())) || m.Kind() == jsonscan.Number {
				pending = append(pending, len(r.items))
				r.items = append(r.items, redactItem{start: m.Pos(), end: m.End(), orig: m.Text(), cat: rcDead})
			}
			return true
		}
		r.scalar(k, m, c, kind, group)
		return true
	})
	if hasIdentity {
		// An object with an identity set is a participant (a participants
		// list's element, say): its own id is the participant's.
		for _, i := range pending {
			if cat := shapeCat(r.items[i].orig, rcIDs); !r.keep[cat] {
				r.items[i].cat = cat
			}
		}
	}
}

// scalar decides whether a string or number is personal.
func (r *redactWalk) scalar(k string, m jsonscan.Value, c rctx, kind string, group int32) {
	if m.Kind() != jsonscan.String && m.Kind() != jsonscan.Number {
		return
	}
	if strings.IndexByte(k, '@') >= 0 {
		return // annotations: a link that quotes an id is rewritten by the second pass
	}
	switch k {
	case "ipaddress", "reflexiveipaddress", "relayipaddress", "subnet":
		r.add(m, rcIPs, 0, 0)
	case "macaddress", "basicservicesetidentifier":
		r.add(m, rcMACs, 0, 0)
	case "dnssuffix":
		r.add(m, rcDNS, 0, 0)
	case "capturedevicename", "renderdevicename":
		r.add(m, rcDevices, prefixDevice, 0)
	case "joinweburl":
		r.add(m, rcURLs, 0, 0)
	case "tenantid":
		r.ident(m, rcIDs, group)
	case "userprincipalname", "mail", "email", "emailaddress":
		r.ident(m, rcEmails, group)
	case "displayname", "userdisplayname":
		s := m.Text()
		if cat := shapeCat(s, rcNames); cat != rcNames {
			r.ident(m, cat, group)
		} else {
			r.add(m, rcNames, namePrefix(kind), group)
		}
	case "userid":
		r.ident(m, shapeCat(m.Text(), rcIDs), group)
	case "callernumber", "calleenumber", "usertelephonenumber":
		r.ident(m, rcPhones, group)
	case "id":
		switch c {
		case ctxIdentity:
			cat := shapeCat(m.Text(), rcIDs)
			if kind == "phone" {
				cat = rcPhones
			}
			r.ident(m, cat, group)
		case ctxParticipant:
			r.ident(m, shapeCat(m.Text(), rcIDs), 0)
		case ctxAdminUnit:
			r.ident(m, rcIDs, 0)
		}
	case "name":
		if c == ctxEndpoint {
			r.add(m, rcDevices, prefixMachine, 0)
		}
	case "text":
		if c == ctxFeedback {
			r.add(m, rcFeedback, 0, 0)
		}
	default:
		if c == ctxIdentity && m.Kind() == jsonscan.String && looksEmail(m.Str()) {
			r.ident(m, rcEmails, group)
		}
	}
}

// ident adds an identifier: ids, phone numbers and e-mail addresses share
// one table, so the phone number that is a participant's id and their phone
// identity's id get the same pseudonym. Numbers are redacted here too: a
// hand-made file may hold an id or a phone number as a JSON number.
func (r *redactWalk) ident(m jsonscan.Value, cat rcat, group int32) {
	if m.Kind() == jsonscan.Number {
		if r.keep[cat] {
			return
		}
		r.items = append(r.items, redactItem{start: m.Pos(), end: m.End(), orig: m.Raw(), cat: cat, group: group})
		return
	}
	r.add(m, cat, 0, group)
}

func (r *redactWalk) add(m jsonscan.Value, cat rcat, prefix uint8, group int32) {
	if m.Kind() != jsonscan.String || r.keep[cat] || !hasAlnum(m.Str()) {
		return
	}
	r.items = append(r.items, redactItem{start: m.Pos(), end: m.End(), orig: m.Str(), cat: cat, prefix: prefix, group: group})
}

// hasAlnum tells a value from a placeholder such as "-": only values with a
// letter or digit (any non-ASCII byte counts as one) are personal.
func hasAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'z') {
			return true
		}
	}
	return false
}

// shapeCat classifies an identifier or display name by its look: a phone
// number, an e-mail address, or else def.
func shapeCat(s string, def rcat) rcat {
	switch {
	case looksPhone(s):
		return rcPhones
	case looksEmail(s):
		return rcEmails
	}
	return def
}

// looksPhone: an E.164 number, "+" and 6 to 15 digits, maybe written with
// spaces, dashes, dots or brackets, maybe after "tel:".
func looksPhone(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(s), "tel:")
	if len(s) < 7 || s[0] != '+' {
		return false
	}
	digits := 0
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')':
		default:
			return false
		}
	}
	return digits >= 6 && digits <= 15
}

func looksEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.ContainsAny(s, " \t\n\"<>") {
		return false
	}
	dot := strings.LastIndexByte(s, '.')
	return dot > at+1 && dot < len(s)-1
}

func namePrefix(kind string) uint8 {
	switch kind {
	case "application", "applicationinstance", "acsapplicationinstance", "spoolapplicationinstance":
		return prefixApplication
	}
	return prefixPerson
}

// ---------------------------------------------------------------------------------------
// The pseudonyms: assigned in walk order, so the same file always redacts to
// the same bytes, and a redacted file redacts to itself.

type identFake struct {
	fake, json string
	cat        rcat
}

type nameFake struct {
	json string
	n    int // the number in "Person n", for linking the UPN; 0 for others
}

// pseudonyms holds what was given out. Replacements are kept as JSON text,
// ready to splice: a value seen again costs one map look-up.
type pseudonyms struct {
	names    map[string]nameFake  // exact: names are compared exactly
	ident    map[string]identFake // lower case: ids are compared without case
	emailOf  map[string]bool      // e-mail pseudonyms in use
	devices  map[string]string
	feedback map[string]string
	ips      map[string]string     // original text → JSON, "" to keep
	hosts    map[string]string     // IP fields that hold no address
	macText  map[string]string     // original text → JSON, "" to keep
	macs     map[string]uint64     // normalised address → number
	v4nets   [2]map[[3]byte]uint32 // private, public
	v6nets   [2]map[[8]byte]uint32
	v6iids   map[[16]byte]uint64

	nameN, deviceN [2]int
	macN           uint64

	guidN, phoneN, userN, feedbackN, hostN, iidN int
}

var (
	namePrefixes   = [2]string{"Person ", "Application "}
	devicePrefixes = [2]string{"Device ", "Machine "}
)

const (
	guestSuffix = " (Guest)"
	redactedURL = "https://teams.microsoft.com/l/meetup-join/redacted"
	redactedDNS = "redacted.example"
)

func (p *pseudonyms) init() {
	p.names = map[string]nameFake{}
	p.ident = map[string]identFake{}
	p.emailOf = map[string]bool{}
	p.devices = map[string]string{}
	p.feedback = map[string]string{}
	p.ips = map[string]string{}
	p.hosts = map[string]string{}
	p.macText = map[string]string{}
	p.macs = map[string]uint64{}
	p.v6iids = map[[16]byte]uint64{}
	for i := range 2 {
		p.v4nets[i] = map[[3]byte]uint32{}
		p.v6nets[i] = map[[8]byte]uint32{}
	}
}

// assign fills every item's replacement. The members of one identity object
// are taken names first, so that its UPN can take its name's number.
func (p *pseudonyms) assign(items []redactItem, counts *[nRedact]int) {
	p.init()
	for i := 0; i < len(items); {
		j := i + 1
		if g := items[i].group; g != 0 {
			for j < len(items) && items[j].group == g {
				j++
			}
		}
		link := 0
		for pass := range 2 {
			for k := i; k < j; k++ {
				it := &items[k]
				if it.cat == rcDead || (it.cat == rcNames) != (pass == 0) {
					continue
				}
				before := p.tableLen(it.cat)
				repl, n := p.fake(it, link)
				it.fresh = before < 0 || p.tableLen(it.cat) > before
				if n > 0 && link == 0 {
					link = n
				}
				if repl != "" {
					it.repl = repl
					counts[it.cat]++
				}
			}
		}
		i = j
	}
}

// tableLen is the number of values of c given a pseudonym so far; -1 for
// the categories with one pseudonym for all (urls, dns).
func (p *pseudonyms) tableLen(c rcat) int {
	switch c {
	case rcNames:
		return len(p.names)
	case rcEmails, rcPhones, rcIDs:
		return len(p.ident)
	case rcIPs:
		return len(p.ips)
	case rcMACs:
		return len(p.macText)
	case rcDevices:
		return len(p.devices)
	case rcFeedback:
		return len(p.feedback)
	}
	return -1
}

// remembered is seen[s], made by fake the first time as JSON text; "" (keep
// the value) when fake makes nothing.
func remembered(seen map[string]string, s string, fake func(string) string) string {
	f, ok := seen[s]
	if !ok {
		if v := fake(s); v != "" {
			f = text.QuoteJSON(v)
		}
		seen[s] = f
	}
	return f
}

var (
	redactedURLJSON = text.QuoteJSON(redactedURL)
	redactedDNSJSON = text.QuoteJSON(redactedDNS)
)

// fake makes the pseudonym of one value as JSON text; "" keeps the value (an
// unspecified address, an all-zero MAC, the nil GUID). For a person's name it
// also returns its number; link is the number of the name in the same
// identity object.
func (p *pseudonyms) fake(it *redactItem, link int) (string, int) {
	s := it.orig
	switch it.cat {
	case rcNames:
		f, ok := p.names[s]
		if !ok {
			p.nameN[it.prefix]++
			n := p.nameN[it.prefix]
			fake := namePrefixes[it.prefix] + strconv.Itoa(n)
			if strings.HasSuffix(s, guestSuffix) {
				fake += guestSuffix // Teams' own marker, not the person's
			}
			f = nameFake{text.QuoteJSON(fake), n}
			if it.prefix != prefixPerson {
				f.n = 0 // linked e-mails are made for people only
			}
			p.names[s] = f
		}
		return f.json, f.n
	case rcEmails, rcPhones, rcIDs:
		return p.identifier(s, it.cat, link), 0
	case rcIPs:
		return remembered(p.ips, s, p.ip), 0
	case rcMACs:
		return remembered(p.macText, s, p.mac), 0
	case rcDevices:
		f, ok := p.devices[s]
		if !ok {
			p.deviceN[it.prefix]++
			f = text.QuoteJSON(devicePrefixes[it.prefix] + strconv.Itoa(p.deviceN[it.prefix]))
			p.devices[s] = f
		}
		return f, 0
	case rcURLs:
		return redactedURLJSON, 0
	case rcFeedback:
		// Numbered: two texts of one endpoint must stay two findings.
		f, ok := p.feedback[s]
		if !ok {
			p.feedbackN++
			f = text.QuoteJSON("(feedback text " + strconv.Itoa(p.feedbackN) + " redacted)")
			p.feedback[s] = f
		}
		return f, 0
	case rcDNS:
		return redactedDNSJSON, 0
	}
	return "", 0
}

// identifier gives ids, phone numbers and e-mail addresses their pseudonyms
// from one table, by the value without case.
func (p *pseudonyms) identifier(s string, cat rcat, link int) string {
	if cat == rcIDs && isNilGUID(s) {
		return ""
	}
	key := asciiLower(s)
	if f, ok := p.ident[key]; ok {
		return f.json
	}
	var fake string
	switch cat {
	case rcPhones:
		p.phoneN++
		fake = fmt.Sprintf("+1555000%04d", p.phoneN)
	case rcEmails:
		if link > 0 {
			fake = "person" + strconv.Itoa(link) + "@example.com"
		}
		if fake == "" || p.emailOf[fake] {
			p.userN++
			fake = "user" + strconv.Itoa(p.userN) + "@example.com"
		}
		p.emailOf[fake] = true
	default:
		p.guidN++
		fake = fmt.Sprintf("00000000-0000-4000-8000-%012d", p.guidN)
	}
	f := identFake{fake, text.QuoteJSON(fake), cat}
	p.ident[strings.Clone(key)] = f
	return f.json
}

func isNilGUID(s string) bool {
	return strings.Trim(s, "0-{}") == "" && strings.Count(s, "0") == 32
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// ip maps an address or prefix. IPv4 keeps its last octet and maps its /24:
// private networks (10/8, 172.16/12, 192.168/16, 100.64/10, 127/8,
// 169.254/16) to 10.x.y.0/24, public ones to 198.18.0.0/15 (then 240/4), so
// a subnet and its addresses still line up. IPv6 maps its /64 to fd00:0:x:y
// (fc00::/7, fe80::/10, ::1) or 2001:db8:x:y and numbers the interface ids.
// What is not an address becomes "hostN.redacted.example".
func (p *pseudonyms) ip(s string) string {
	t := strings.TrimSpace(s)
	if strings.Contains(t, "/") {
		if pfx, err := netip.ParsePrefix(t); err == nil {
			if pfx.Addr().IsUnspecified() {
				return ""
			}
			return netip.PrefixFrom(p.addr(pfx.Addr()), pfx.Bits()).String()
		}
	}
	if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
		t = t[1 : len(t)-1]
	}
	a, err := netip.ParseAddr(t)
	if err != nil {
		f, ok := p.hosts[s]
		if !ok {
			p.hostN++
			f = "host" + strconv.Itoa(p.hostN) + ".redacted.example"
			p.hosts[s] = f
		}
		return f
	}
	if a.IsUnspecified() {
		return ""
	}
	return p.addr(a).String()
}

func (p *pseudonyms) addr(a netip.Addr) netip.Addr {
	a = a.WithZone("")
	switch {
	case a.Is4In6():
		return netip.AddrFrom16(p.v4(a.Unmap()).As16())
	case a.Is4():
		return p.v4(a)
	}
	b := a.As16()
	class := 1
	if a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLoopback() {
		class = 0
	}
	net := [8]byte(b[:8])
	idx, ok := p.v6nets[class][net]
	if !ok {
		idx = uint32(len(p.v6nets[class]))
		p.v6nets[class][net] = idx
	}
	var iid uint64
	if binary.BigEndian.Uint64(b[8:]) != 0 {
		if iid, ok = p.v6iids[b]; !ok {
			p.iidN++
			iid = uint64(p.iidN)
			p.v6iids[b] = iid
		}
	}
	var out [16]byte
	if class == 0 {
		out[0] = 0xfd
	} else {
		out[0], out[1], out[2], out[3] = 0x20, 0x01, 0x0d, 0xb8
	}
	binary.BigEndian.PutUint32(out[4:], idx)
	binary.BigEndian.PutUint64(out[8:], iid)
	return netip.AddrFrom16(out)
}

// isPrivateV4 is the redaction's private range: 10/8, 172.16/12,
// 192.168/16, 100.64/10, 127/8, 169.254/16.
func isPrivateV4(b [4]byte) bool {
	switch {
	case b[0] == 10, b[0] == 127:
		return true
	case b[0] == 172 && b[1]&0xf0 == 16:
		return true
	case b[0] == 192 && b[1] == 168:
		return true
	case b[0] == 100 && b[1]&0xc0 == 64:
		return true
	case b[0] == 169 && b[1] == 254:
		return true
	}
	return false
}

func (p *pseudonyms) v4(a netip.Addr) netip.Addr {
	b := a.As4()
	class := 1
	if isPrivateV4(b) {
		class = 0
	}
	net := [3]byte(b[:3])
	idx, ok := p.v4nets[class][net]
	if !ok {
		idx = uint32(len(p.v4nets[class]))
		p.v4nets[class][net] = idx
	}
	var out [4]byte
	switch {
	case class == 0:
		out = [4]byte{10, byte(idx >> 8), byte(idx), b[3]}
	case idx < 512:
		out = [4]byte{198, 18 + byte(idx>>8), byte(idx), b[3]}
	default:
		j := idx - 512
		out = [4]byte{240 | byte(j>>16)&15, byte(j >> 8), byte(j), b[3]}
	}
	return netip.AddrFrom4(out)
}

// mac maps a MAC address or BSSID to a locally administered one,
// 02-00-00-00-00-01 and on, written as the input was: its separator, its
// grouping, its case and its length (EUI-64 stays eight bytes). The all-zero
// address, which says "unknown", is kept.
func (p *pseudonyms) mac(s string) string {
	hex := make([]byte, 0, 16)
	var sep byte
	group, upper, lower, valid := 0, false, false, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			hex = append(hex, c)
		case c >= 'a' && c <= 'f':
			hex, lower = append(hex, c), true
		case c >= 'A' && c <= 'F':
			hex, upper = append(hex, c+'a'-'A'), true
		case c == ':' || c == '-' || c == '.' || c == ' ':
			if sep == 0 {
				sep, group = c, len(hex)
			} else if c != sep {
				valid = false
			}
		default:
			valid = false
		}
	}
	n := len(hex) / 2
	if !valid || len(hex)%2 != 0 || n < 6 || n > 8 {
		valid, n, sep, group, upper, lower = false, 6, '-', 2, true, false
	}
	key := string(hex)
	if !valid {
		key = "\x00" + s
	} else if strings.Trim(key, "0") == "" {
		return ""
	}
	num, ok := p.macs[key]
	if !ok {
		p.macN++
		num = p.macN
		p.macs[key] = num
	}
	raw := make([]byte, n)
	raw[0] = 0x02
	for i := n - 1; i >= 1 && num > 0; i-- {
		raw[i] = byte(num)
		num >>= 8
	}
	digits := "0123456789abcdef"
	if upper || (!lower && sep == '-') {
		digits = "0123456789ABCDEF"
	}
	if group <= 0 || group >= 2*n {
		group = 2 * n
	}
	out := make([]byte, 0, 2*n)
	for _, x := range raw {
		out = append(out, digits[x>>4], digits[x&15])
	}
	if sep == 0 || group >= 2*n {
		return string(out)
	}
	grouped := make([]byte, 0, len(out)+len(out)/group)
	for i := 0; i < len(out); i += group {
		if i > 0 {
			grouped = append(grouped, sep)
		}
		grouped = append(grouped, out[i:min(i+group, len(out))]...)
	}
	return string(grouped)
}

// linkScan finds identifiers in a link. The ends of the current run of
// e-mail bytes and of the domain after it are kept, so that trying every
// start in a long run stays linear.
type linkScan struct {
	s              string
	runEnd, domEnd int // ends of the run and of its domain; runEnd 0 before the first run
}

// Lengths beyond which a run cannot be an e-mail address (RFC 5321) or a
// phone number (E.164).
const (
	maxLocal, maxDomain = 64, 255
	maxPhoneDigits      = 15
)

// at finds an identifier starting at s[i]: a GUID, an E.164 number ("+" or
// "%2B" and digits) or an e-mail address ("@" or "%40"), with its decoded
// form, how it was percent-encoded, and its length in s; n is 0 when none
// starts there.
func (l *linkScan) at(i int) (tok string, enc byte, n int) {
	s := l.s
	if len(s)-i >= 36 && isGUID(s[i:i+36]) {
		return s[i : i+36], 0, 36
	}
	if s[i] == '+' || strings.HasPrefix(s[i:], "%2B") || strings.HasPrefix(s[i:], "%2b") {
		start := i + 1
		if s[i] == '%' {
			start, enc = i+3, '+'
		}
		j := start
		for j < len(s) && s[j] >= '0' && s[j] <= '9' && j-start <= maxPhoneDigits {
			j++
		}
		if d := j - start; d >= 6 && d <= maxPhoneDigits {
			return "+" + s[start:j], enc, j - i
		}
		return "", 0, 0
	}
	if !isEmailByte(s[i]) {
		return "", 0, 0
	}
	if i >= l.runEnd {
		j := i
		for j < len(s) && isEmailByte(s[j]) {
			j++
		}
		l.runEnd, l.domEnd = j, -1
	}
	j := l.runEnd
	if j-i > maxLocal {
		return "", 0, 0
	}
	at := 1
	switch {
	case j < len(s) && s[j] == '@':
	case strings.HasPrefix(s[j:], "%40"):
		at, enc = 3, '@'
	default:
		return "", 0, 0
	}
	if l.domEnd < 0 {
		k := j + at
		for k < len(s) && (isWordByte(s[k]) || s[k] == '.' || s[k] == '-') {
			k++
		}
		l.domEnd = k
	}
	k := l.domEnd
	if k == j+at || k-(j+at) > maxDomain {
		return "", 0, 0
	}
	return s[i:j] + "@" + s[j+at:k], enc, k - i
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z' || c == '_'
}

func isEmailByte(c byte) bool { return isWordByte(c) || c == '.' || c == '-' || c == '+' }

func isGUID(s string) bool {
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f') {
				return false
			}
		}
	}
	return true
}

// splice copies src with the spans of items and annots (each in source
// order, as the walk found them) replaced.
func splice(src []byte, items, annots []redactItem) []byte {
	byStart := func(a, b redactItem) int { return a.start - b.start }
	for _, list := range [][]redactItem{items, annots} {
		if !slices.IsSortedFunc(list, byStart) {
			slices.SortFunc(list, byStart) // not on the walk's own output
		}
	}
	size := len(src)
	for _, list := range [][]redactItem{items, annots} {
		for i := range list {
			if list[i].repl != "" {
				size += len(list[i].repl) - (list[i].end - list[i].start)
			}
		}
	}
	out := make([]byte, 0, max(size, 0))
	last := 0
	put := func(it *redactItem) {
		if it.repl == "" || it.start < last || it.end > len(src) {
			return
		}
		out = append(out, src[last:it.start]...)
		out = append(out, it.repl...)
		last = it.end
	}
	i, j := 0, 0
	for i < len(items) || j < len(annots) {
		if j == len(annots) || (i < len(items) && items[i].start < annots[j].start) {
			put(&items[i])
			i++
		} else {
			put(&annots[j])
			j++
		}
	}
	return append(out, src[last:]...)
}
