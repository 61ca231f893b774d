// Package redact pseudonymises a call record's bytes to send it to a
// vendor: every personal value, in a field it knows and then wherever else
// it stands in the file, becomes a stable pseudonym; every other byte stays.
package redact

import (
	"fmt"
	"runtime"
	"slices"
	"strings"

	"github.com/callscope/callscope/internal/parallel"
	"github.com/callscope/callscope/jsonscan"
	"github.com/callscope/callscope/load"
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
