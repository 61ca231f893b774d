package data

import (
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// loader walks one document. It collects problems instead of stopping: a
// bad value is reported and left missing, never fatal.
type loader struct {
	path      []step // where the walk is, for messages: sessions[3].segments[0]
	problems  []string
	nProblems int
	truncated string // path of the first PowerShell type name standing where an object belongs
	nextLinks map[string]int
	merged    int // AdditionalProperties levels entered in identity sets
}

const maxProblems = 20

// step is one part of a path, kept unformatted: the text is only built
// when a message needs it, never on the fast path.
type step struct {
	key string
	i   int // -1 for an object member
}

// push enters element i of an array, enter a member object.
func (l *loader) push(key string, i int) { l.path = append(l.path, step{key, i}) }
func (l *loader) enter(key string)       { l.path = append(l.path, step{key, -1}) }
func (l *loader) pop()                   { l.path = l.path[:len(l.path)-1] }

func (l *loader) where(field string) string {
	var b strings.Builder
	for _, s := range l.path {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.key)
		if s.i >= 0 {
			b.WriteString("[" + strconv.Itoa(s.i) + "]")
		}
	}
	if field != "" {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(field)
	}
	return b.String()
}

// bad records a value that could not be read.
func (l *loader) bad(field, msg string) {
	l.nProblems++
	if l.nProblems <= maxProblems {
		l.problems = append(l.problems, l.where(field)+": "+msg)
	}
}

// object checks that v can hold an object or array where one belongs and
// notices PowerShell's depth truncation.
func (l *loader) structured(v value, field string) bool {
	switch {
	case v.IsObject() || v.IsArray():
		return true
	case v.Type == gjson.String && looksTruncated(v.Str):
		if l.truncated == "" {
			l.truncated = l.where(field) + ` is "` + shortRaw(v.Str) + `"`
		}
	case !isNull(v):
		l.bad(field, "expected an object, found "+shortRaw(v.Raw()))
	}
	return false
}

func (l *loader) nextLink(key string) {
	if l.nextLinks == nil {
		l.nextLinks = map[string]int{}
	}
	l.nextLinks[key]++
}

// strings reads an array of strings (modalities).
func (l *loader) strings(v value, field string) []string {
	if !l.structured(v, field) {
		if v.Type == gjson.String && !looksTruncated(v.Str) {
			return strings.Fields(v.Str) // PowerShell may join an array into one string
		}
		return nil
	}
	var out []string
	forEachRaw(v, func(_ string, e value) bool {
		if s := str(e); s != "" {
			out = append(out, s)
		}
		return true
	})
	return out
}

// rootInfo is what the walk of a document's root object notices for shape
// detection, so that the root is walked once: skipping a 100 MB sessions
// array only to look at the keys after it would cost a whole extra pass.
type rootInfo struct {
	keys    map[string]bool
	list    value // "value": the array of a collection
	context string
}

func (l *loader) record(v value) *Record { return l.recordInfo(v, nil) }

func (l *loader) recordInfo(v value, info *rootInfo) *Record {
	r := &Record{}
	var p2, p1 value
	var org2, org1 value
	forEachMember(v, func(k string, m value) bool {
		if info != nil {
			info.keys[strings.Clone(k)] = true
			switch k {
			case "value":
				// Most likely a collection, which the caller walks: only
				// skip it now (and check it if it turns out to be no
				// collection, or is repeated).
				if info.list.IsArray() {
					info.list.check()
				}
				info.list = m
				if m.IsArray() {
					m.w.doneStart, m.w.doneEnd = m.pos, m.w.skip(m.pos)
				}
			case "@odata.context":
				info.context = str(m)
			case "@odata.nextlink":
				if str(m) != "" {
					l.nextLink("value")
				}
			}
		}
		switch k {
		case "id":
			r.ID = str(m)
		case "version":
			r.Version = l.int(m, "version")
		case "type":
			r.Type = str(m)
		case "modalities":
			r.Modalities = l.strings(m, "modalities")
		case "startdatetime":
			r.Start = l.time(m, "startDateTime")
		case "enddatetime":
			r.End = l.time(m, "endDateTime")
		case "lastmodifieddatetime":
			r.LastModified = l.time(m, "lastModifiedDateTime")
		case "joinweburl":
			r.JoinWebURL = str(m)
		case "organizerv2":
			org2 = m
		case "organizer":
			org1 = m
		case "participantsv2":
			p2 = m
		case "participants":
			p1 = m
		case "sessions":
			r.Sessions = l.sessions(m)
		case "sessions@odata.nextlink", "participantsv2@odata.nextlink", "participants@odata.nextlink":
			if str(m) != "" {
				l.nextLink(strings.Clone(strings.TrimSuffix(k, "@odata.nextlink")))
			}
		}
		return true
	})
	r.Raw = v.Raw() // just walked: free
	if l.structured(org2, "organizer_v2") {
		r.Organizer = l.participant(org2)
		if org1.IsObject() { // kept to name people (see Names)
			r.OldOrganizer = Participant{Identity: l.identitySet(org1)}
		}
	} else if l.structured(org1, "organizer") {
		r.Organizer = Participant{Identity: l.identitySet(org1)}
	}
	if p2.Exists() && l.structured(p2, "participants_v2") && len(elements(p2)) > 0 {
		r.ParticipantsFrom = "participants_v2"
		l.eachElement(p2, "participants_v2", func(_ int, e value) {
			r.Participants = append(r.Participants, l.participant(e))
		})
	}
	if p1.Exists() && l.structured(p1, "participants") {
		old := &r.Participants
		if r.ParticipantsFrom == "" {
			r.ParticipantsFrom = "participants"
		} else {
			old = &r.OldParticipants // kept to name people (see Names)
		}
		l.eachElement(p1, "participants", func(_ int, e value) {
			*old = append(*old, Participant{Identity: l.identitySet(e)})
		})
	}
	return r
}

// eachElement walks an array, or a single object where PowerShell unwrapped
// a one-element array.
func (l *loader) eachElement(v value, field string, fn func(i int, e value)) {
	if v.IsObject() {
		fn(-1, v) // no array: a path to it has no index
		return
	}
	i := 0
	forEachRaw(v, func(_ string, e value) bool {
		l.push(field, i)
		if l.structured(e, "") {
			fn(i, e)
		}
		l.pop()
		i++
		return true
	})
}

func (l *loader) participant(v value) Participant {
	var p Participant
	forEachMember(v, func(k string, m value) bool {
		switch k {
		case "id":
			p.ID = str(m)
		case "identity":
			if l.structured(m, "identity") {
				p.Identity = l.identitySet(m)
			}
		}
		return true
	})
	return p
}

// identitySet keeps every non-null member that looks like an identity,
// whatever its kind, so newer kinds (acsUser, spoolUser, ...) survive.
func (l *loader) identitySet(v value) IdentitySet {
	var set IdentitySet
	forEachRaw(v, func(kind string, m value) bool {
		if !m.IsObject() {
			return true
		}
		if strings.EqualFold(kind, "additionalProperties") {
			if l.merged < maxMerge { // see maxMerge
				l.merged++
				set = append(set, l.identitySet(m)...)
				l.merged--
			}
			return true
		}
		if strings.HasPrefix(kind, "@") {
			return true
		}
		id := l.identity(m)
		id.Kind = lowerFirst(kind)
		set = append(set, id)
		return true
	})
	return set
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}

func (l *loader) identity(v value) Identity {
	var id Identity
	forEachMember(v, func(k string, m value) bool {
		switch k {
		case "id":
			id.ID = str(m)
		case "displayname":
			id.DisplayName = str(m)
		case "tenantid":
			id.TenantID = str(m)
		case "userprincipalname":
			id.UserPrincipalName = str(m)
		}
		return true
	})
	return id
}

func (l *loader) session(v value) *Session {
	s := &Session{}
	forEachMember(v, func(k string, m value) bool {
		switch k {
		case "id":
			s.ID = str(m)
		case "caller":
			s.Caller = l.endpoint(m, "caller")
		case "callee":
			s.Callee = l.endpoint(m, "callee")
		case "startdatetime":
			s.Start = l.time(m, "startDateTime")
		case "enddatetime":
			s.End = l.time(m, "endDateTime")
		case "modalities":
			s.Modalities = l.strings(m, "modalities")
		case "istest":
			s.IsTest = l.bool(m, "isTest")
		case "failureinfo":
			s.Failure = l.failure(m)
		case "segments":
			s.Segments = nil // a repeated key replaces, as in encoding/json
			if l.structured(m, "segments") {
				l.eachElement(m, "segments", func(i int, e value) {
					sg := l.segment(e)
					sg.Index = i
					s.Segments = append(s.Segments, sg)
				})
			}
		case "segments@odata.nextlink":
			if str(m) != "" {
				l.nextLink("segments")
			}
		}
		return true
	})
	s.Raw = v.Raw() // just walked: free
	return s
}

func (l *loader) segment(v value) *Segment {
	s := &Segment{}
	forEachMember(v, func(k string, m value) bool {
		switch k {
		case "id":
			s.ID = str(m)
		case "caller":
			s.Caller = l.endpoint(m, "caller")
		case "callee":
			s.Callee = l.endpoint(m, "callee")
		case "startdatetime":
			s.Start = l.time(m, "startDateTime")
		case "enddatetime":
			s.End = l.time(m, "endDateTime")
		case "failureinfo":
			s.Failure = l.failure(m)
		case "media":
			s.Media = nil
			if l.structured(m, "media") {
				l.eachElement(m, "media", func(i int, e value) {
					md := l.media(e)
					md.Index = i
					s.Media = append(s.Media, md)
				})
			}
		}
		return true
	})
	s.Raw = v.Raw() // just walked: free
	return s
}

func (l *loader) failure(v value) *Failure {
	if !l.structured(v, "failureInfo") {
		return nil
	}
	f := &Failure{}
	forEachMember(v, func(k string, m value) bool {
		switch k {
		case "stage":
			f.Stage = str(m)
		case "reason":
			f.Reason = str(m)
		}
		return true
	})
	if f.Stage == "" && f.Reason == "" {
		return nil // {"stage": null, "reason": null} is no failure
	}
	return f
}

func (l *loader) endpoint(v value, field string) Endpoint {
	e := Endpoint{}
	if !l.structured(v, field) {
		return e
	}
	e.Present = true
	l.enter(field)
	defer l.pop()
	participantFields := false
	forEachMember(v, func(k string, m value) bool {
		switch k {
		case "@odata.type":
			e.ODataType = str(m)
		case "useragent":
			if l.structured(m, "userAgent") {
				e.UserAgent = l.userAgent(m)
			}
		case "associatedidentity":
			if m.IsObject() {
				id := l.identity(m)
				e.AssociatedIdentity = &id
				participantFields = true
			}
		case "identity":
			if m.IsObject() {
				e.Identity = l.identitySet(m)
				participantFields = true
			}
		case "feedback":
			if m.IsObject() {
				e.Feedback = l.feedback(m)
				participantFields = true
			}
		case "name":
			if e.Machine = str(m); e.Machine != "" {
				participantFields = true
			}
		case "cpuname":
			if e.CPUName = str(m); e.CPUName != "" {
				participantFields = true
			}
		case "cpucorescount":
			e.CPUCores = l.int(m, "cpuCoresCount")
		case "cpuprocessorspeedinmhz":
			e.CPUSpeedMHz = l.int(m, "cpuProcessorSpeedInMhz")
		}
		return true
	})
	e.Raw = v.Raw() // just walked: free
	e.inferKinds(participantFields)
	return e
}

func (l *loader) userAgent(v value) UserAgent {
	var u UserAgent
	forEachMember(v, func(k string, m value) bool {
		switch k {
		case "@odata.type":
			u.ODataType = str(m)
		case "headervalue":
			u.HeaderValue = str(m)
		case "applicationversion":
			u.ApplicationVersion = str(m)
		case "platform":
			u.Platform = str(m)
		case "productfamily":
			u.ProductFamily = str(m)
		case "azureadappid":
			u.AzureADAppID = str(m)
		case "communicationserviceid":
			u.CommunicationServiceID = str(m)
		case "role":
			u.Role = str(m)
		}
		return true
	})
	return u
}

func (l *loader) feedback(v value) *Feedback {
	f := &Feedback{}
	forEachMember(v, func(k string, m value) bool {
		switch k {
		case "rating":
			f.Rating = str(m)
		case "text":
			f.Text = str(m)
		case "tokens":
			if m.IsObject() {
				forEachRaw(m, func(tk string, tv value) bool {
					if tv.Type == gjson.True && !strings.HasPrefix(tk, "@") {
						f.Tokens = append(f.Tokens, tk)
					}
					return true
				})
			}
		}
		return true
	})
	f.Raw = v.Raw() // just walked: free
	if f.Rating == "" && f.Text == "" && len(f.Tokens) == 0 {
		return nil
	}
	return f
}

func (l *loader) media(v value) *Media {
	md := &Media{}
	forEachMember(v, func(k string, m value) bool {
		switch k {
		case "label":
			md.Label = str(m)
		case "callernetwork":
			md.CallerNetwork = l.network(m, "callerNetwork")
		case "calleenetwork":
			md.CalleeNetwork = l.network(m, "calleeNetwork")
		case "callerdevice":
			md.CallerDevice = l.device(m, "callerDevice")
		case "calleedevice":
			md.CalleeDevice = l.device(m, "calleeDevice")
		case "streams":
			md.Streams = nil
			if l.structured(m, "streams") {
				l.eachElement(m, "streams", func(i int, e value) {
					st := l.stream(e)
					st.Index = i
					md.Streams = append(md.Streams, st)
				})
			}
		}
		return true
	})
	md.Raw = v.Raw() // just walked: free
	return md
}

func (l *loader) device(v value, field string) *Device {
	if !l.structured(v, field) {
		return nil
	}
	d := &Device{}
	l.enter(field)
	defer l.pop()
	forEachMember(v, func(k string, m value) bool {
		switch k {
		case "capturedevicename":
			d.CaptureDeviceName = str(m)
		case "capturedevicedriver":
			d.CaptureDeviceDriver = str(m)
		case "renderdevicename":
			d.RenderDeviceName = str(m)
		case "renderdevicedriver":
			d.RenderDeviceDriver = str(m)
		case "capturenotfunctioningeventratio":
			d.CaptureNotFunctioningEventRatio = l.float(m, "captureNotFunctioningEventRatio")
		case "rendernotfunctioningeventratio":
			d.RenderNotFunctioningEventRatio = l.float(m, "renderNotFunctioningEventRatio")
		case "cpuinsufficenteventratio", "cpuinsufficienteventratio":
			d.CPUInsufficentEventRatio = l.float(m, "cpuInsufficentEventRatio")
		case "deviceclippingeventratio":
			d.DeviceClippingEventRatio = l.float(m, "deviceClippingEventRatio")
		case "deviceglitcheventratio":
			d.DeviceGlitchEventRatio = l.float(m, "deviceGlitchEventRatio")
		case "lowspeechleveleventratio":
			d.LowSpeechLevelEventRatio = l.float(m, "lowSpeechLevelEventRatio")
		case "lowspeechtonoiseeventratio":
			d.LowSpeechToNoiseEventRatio = l.float(m, "lowSpeechToNoiseEventRatio")
		case "rendermuteeventratio":
			d.RenderMuteEventRatio = l.float(m, "renderMuteEventRatio")
		case "renderzerovolumeeventratio":
			d.RenderZeroVolumeEventRatio = l.float(m, "renderZeroVolumeEventRatio")
		case "micglitchrate":
			d.MicGlitchRate = l.float(m, "micGlitchRate")
		case "speakerglitchrate":
			d.SpeakerGlitchRate = l.float(m, "speakerGlitchRate")
		case "howlingeventcount":
			d.HowlingEventCount = l.int(m, "howlingEventCount")
		case "initialsignallevelrootmeansquare":
			d.InitialSignalLevelRMS = l.float(m, "initialSignalLevelRootMeanSquare")
		case "receivednoiselevel":
			d.ReceivedNoiseLevel = l.int(m, "receivedNoiseLevel")
		case "receivedsignallevel":
			d.ReceivedSignalLevel = l.int(m, "receivedSignalLevel")
		case "sentnoiselevel":
			d.SentNoiseLevel = l.int(m, "sentNoiseLevel")
		case "sentsignallevel":
			d.SentSignalLevel = l.int(m, "sentSignalLevel")
		}
		return true
	})
	d.Raw = v.Raw() // just walked: free
	return d
}

func (l *loader) network(v value, field string) *Network {
	if !l.structured(v, field) {
		return nil
	}
	n := &Network{}
	l.enter(field)
	defer l.pop()
	forEachMember(v, func(k string, m value) bool {
		switch k {
		case "ipaddress":
			n.IPAddress = str(m)
		case "subnet":
			n.Subnet = str(m)
		case "port":
			n.Port = l.int(m, "port")
		case "reflexiveipaddress":
			n.ReflexiveIPAddress = str(m)
		case "relayipaddress":
			n.RelayIPAddress = str(m)
		case "relayport":
			n.RelayPort = l.int(m, "relayPort")
		case "connectiontype":
			n.ConnectionType = str(m)
		case "networktransportprotocol":
			n.TransportProtocol = str(m)
		case "linkspeed":
			n.LinkSpeed = l.int(m, "linkSpeed")
		case "macaddress":
			n.MACAddress = str(m)
		case "dnssuffix":
			n.DNSSuffix = str(m)
		case "basicservicesetidentifier":
			n.BSSID = str(m)
		case "wifiband":
			n.WifiBand = str(m)
		case "wifiradiotype":
			n.WifiRadioType = str(m)
		case "wifichannel":
			n.WifiChannel = l.int(m, "wifiChannel")
		case "wifisignalstrength":
			n.WifiSignalStrength = l.int(m, "wifiSignalStrength")
		case "wifibatterycharge":
			n.WifiBatteryCharge = l.int(m, "wifiBatteryCharge")
		case "wifimicrosoftdriver":
			n.WifiMicrosoftDriver = str(m)
		case "wifimicrosoftdriverversion":
			n.WifiMicrosoftDriverVersion = str(m)
		case "wifivendordriver":
			n.WifiVendorDriver = str(m)
		case "wifivendordriverversion":
			n.WifiVendorDriverVersion = str(m)
		case "sentqualityeventratio":
			n.SentQualityEventRatio = l.float(m, "sentQualityEventRatio")
		case "receivedqualityeventratio":
			n.ReceivedQualityEventRatio = l.float(m, "receivedQualityEventRatio")
		case "delayeventratio":
			n.DelayEventRatio = l.float(m, "delayEventRatio")
		case "bandwidthloweventratio":
			n.BandwidthLowEventRatio = l.float(m, "bandwidthLowEventRatio")
		case "traceroutehops":
			n.Hops = nil
			if l.structured(m, "traceRouteHops") {
				l.eachElement(m, "traceRouteHops", func(_ int, e value) {
					n.Hops = append(n.Hops, l.hop(e))
				})
			}
		}
		return true
	})
	n.Raw = v.Raw() // just walked: free
	return n
}

func (l *loader) hop(v value) Hop {
	var h Hop
	forEachMember(v, func(k string, m value) bool {
		switch k {
		case "hopcount":
			h.HopCount = l.int(m, "hopCount")
		case "ipaddress":
			h.IPAddress = str(m)
		case "roundtriptime":
			h.RTT = l.duration(m, "roundTripTime")
		}
		return true
	})
	return h
}

func (l *loader) stream(v value) *Stream {
	s := &Stream{}
	forEachMember(v, func(k string, m value) bool {
		switch k {
		case "streamid":
			s.StreamID = str(m)
		case "streamdirection":
			s.Direction = str(m)
		case "audiocodec":
			s.AudioCodec = str(m)
		case "videocodec":
			s.VideoCodec = str(m)
		case "startdatetime":
			s.Start = l.time(m, "startDateTime")
		case "enddatetime":
			s.End = l.time(m, "endDateTime")
		case "averageaudiodegradation":
			s.AverageAudioDegradation = l.float(m, "averageAudioDegradation")
		case "averageaudionetworkjitter":
			s.AverageAudioNetworkJitter = l.duration(m, "averageAudioNetworkJitter")
		case "maxaudionetworkjitter":
			s.MaxAudioNetworkJitter = l.duration(m, "maxAudioNetworkJitter")
		case "averagebandwidthestimate":
			s.AverageBandwidthEstimate = l.int(m, "averageBandwidthEstimate")
		case "averagefreezeduration":
			s.AverageFreezeDuration = l.duration(m, "averageFreezeDuration")
		case "rmsfreezeduration":
			s.RMSFreezeDuration = l.duration(m, "rmsFreezeDuration")
		case "averagejitter":
			s.AverageJitter = l.duration(m, "averageJitter")
		case "maxjitter":
			s.MaxJitter = l.duration(m, "maxJitter")
		case "averagepacketlossrate":
			s.AveragePacketLossRate = l.float(m, "averagePacketLossRate")
		case "maxpacketlossrate":
			s.MaxPacketLossRate = l.float(m, "maxPacketLossRate")
		case "averageratioofconcealedsamples":
			s.AverageRatioOfConcealedSamples = l.float(m, "averageRatioOfConcealedSamples")
		case "maxratioofconcealedsamples":
			s.MaxRatioOfConcealedSamples = l.float(m, "maxRatioOfConcealedSamples")
		case "averagereceivedframerate":
			s.AverageReceivedFrameRate = l.float(m, "averageReceivedFrameRate")
		case "averageroundtriptime":
			s.AverageRoundTripTime = l.duration(m, "averageRoundTripTime")
		case "maxroundtriptime":
			s.MaxRoundTripTime = l.duration(m, "maxRoundTripTime")
		case "averagevideoframelosspercentage":
			s.AverageVideoFrameLossPercentage = l.float(m, "averageVideoFrameLossPercentage")
		case "averagevideoframerate":
			s.AverageVideoFrameRate = l.float(m, "averageVideoFrameRate")
		case "averagevideopacketlossrate":
			s.AverageVideoPacketLossRate = l.float(m, "averageVideoPacketLossRate")
		case "lowframerateratio":
			s.LowFrameRateRatio = l.float(m, "lowFrameRateRatio")
		case "lowvideoprocessingcapabilityratio":
			s.LowVideoProcessingCapabilityRatio = l.float(m, "lowVideoProcessingCapabilityRatio")
		case "packetutilization":
			s.PacketUtilization = l.int(m, "packetUtilization")
		case "postforwarderrorcorrectionpacketlossrate":
			s.PostFECPacketLossRate = l.float(m, "postForwardErrorCorrectionPacketLossRate")
		case "isaudioforwarderrorcorrectionused":
			s.IsAudioFECUsed = l.bool(m, "isAudioForwardErrorCorrectionUsed")
		case "wasmediabypassed":
			s.WasMediaBypassed = l.bool(m, "wasMediaBypassed")
		}
		return true
	})
	s.Raw = v.Raw() // just walked: free
	return s
}
