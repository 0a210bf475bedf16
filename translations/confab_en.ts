<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AvatarImage</name>
    <message>
        <source>“%1” is too large (%2 × %3 pixels). Choose a smaller picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” could not be opened. Check that it is still there and that you may read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a picture. Choose a photo or an image file, such as PNG or JPEG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” could not be read as a picture; it may be damaged. Choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture is empty. Choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture could not be made small enough to send. Choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallText</name>
    <message>
        <source>Calling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming call…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 hung up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You declined the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is in another call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed call from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s device did not respond</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to %1 was lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No audio arrived for too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You called each other at once: joined %1&apos;s call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n others are calling a room you are in</source>
        <translation>
            <numerusform>%1 and %n other are calling a room you are in</numerusform>
            <numerusform>%1 and %n others are calling a room you are in</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2 are calling a room you are in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is calling a room you are in</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n others are calling the room “%2”</source>
        <translation>
            <numerusform>%1 and %n other are calling the room “%2”</numerusform>
            <numerusform>%1 and %n others are calling the room “%2”</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2 are calling the room “%3”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is calling the room “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>calling you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ringing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You left the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone else left the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody joined the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your microphone and speaker could not be opened: the call goes on without sound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your microphone could not be opened: nobody in the call hears you, but you hear them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your speaker could not be opened: you hear nobody in the call, but they hear you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 in the call</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Calls</name>
    <message>
        <source>You cannot call yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another call is in progress: hang it up first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not connected: a call needs the peer online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 runs a version of Confab without calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls are unavailable: this node has no UDP port for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not a member of that room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are in this room&apos;s call already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody else in the room is online to call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no %1 call with %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no %1 call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are %1 %2 calls: name the peer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open a UDP port for calls on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone (%1) stopped working during the test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No audio arrived from the microphone (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone (%1) opened but captured only silence: is it muted or turned down?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone works (%1): the loudest sound reached %2 dBFS.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <source>The message is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is too long (%1 bytes; at most %2). Send it in parts or as a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message to reply to is not in this conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That message was deleted; it cannot be quoted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot send a message to yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message could not be saved; nothing was sent. Check the disk space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reaction is one emoji, such as 👍.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no message with that id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That message was deleted; there is nothing to react to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That message was deleted already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only your own messages can be edited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only your own messages can be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change could not be saved; nothing was sent. Check the disk space.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <source>avahi-daemon went away (%1); waiting for it to return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot reconnect to avahi-daemon: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot browse with avahi: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot publish with avahi: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>avahi could not publish our service: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>avahi browsing failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in mDNS cannot start: %1. Use --discovery off and --peer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery is off: Confab finds only peers added by address, peers it has met before and peers that linked ones tell it about.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using built-in mDNS discovery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot use avahi-daemon: %1. Start it, or use --discovery embedded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Using avahi-daemon for discovery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mDNS daemon running (%1) — using built-in discovery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no network interface that can multicast is up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open UDP port %1 for mDNS: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid address: %2. Use HOST:PORT, for example 192.168.1.20:42042 or [fe80::1]:42042.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the IPv6 address has no closing &apos;]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;:&apos; after &apos;]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an IPv6 address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>put an IPv6 address in brackets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is neither an IP address nor a host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the port must be a number from 0 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen on &apos;%1&apos;: give an IP address of this machine (or 0.0.0.0 for all).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 is in use — using %2 instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 is in use. Choose another with --listen ADDR:PORT, or port 0 for any free port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Node</name>
    <message>
        <source>Name the peer to call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the peer of the room call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact text is too long to be one. Copy it again from the other person&apos;s &quot;My Address&quot; window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not contact text from Confab: it starts with &quot;confab:&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ID in this contact text is damaged. Copy it again, whole.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fingerprint in this contact text is missing or damaged. Copy it again, whole.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name in this contact text is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact text has no address to reach its owner at.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact text has too many addresses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An address in this contact text cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown status &apos;%1&apos;: use available, away or busy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read &apos;%1&apos;: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is empty: choose a PNG or JPEG picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--limit must be between 1 and %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a message id: &apos;%1&apos;. A message id is 32 hex digits, as &apos;confabctl --json history PEER&apos; shows them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reaction needs an emoji, such as 👍, or &quot;&quot; to take yours back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown format &apos;%1&apos;: use text or html.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the control socket %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request is not a JSON object: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This connection is already waiting for a message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message arrived in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This connection is already waiting for a transfer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transfer did not end in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transfer was %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(message deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation between %1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, exported %2 (times in %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s ID: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(in reply to %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(reactions: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s ID: &lt;code&gt;%2&lt;/code&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a message not in this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a deleted message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not sent yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The display name is empty: peers would see only your ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The display name is too long: at most %1 bytes of UTF-8 (accented letters take two, emoji four).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The microphone test stopped: a call started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name is “%1” for this run, as given with --name; the saved name “%2” applies when Confab starts without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node is shutting down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our own mDNS announcements never came back: multicast looks blocked on this host (a firewall dropping UDP 5353?). Allow UDP port 5353 and 224.0.0.251, or add peers by their address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mDNS finds nobody while %1 peer(s) are linked by address: multicast looks blocked on the network (Wi-Fi client isolation or a firewall). Allow UDP port 5353 and 224.0.0.251, or keep adding peers by their address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That file is not a PNG or JPEG picture. Choose a picture saved as PNG or JPEG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture is larger than %1 KB, the most peers take. Choose it in the window&apos;s Settings, which shrinks it, or make it %2×%2 pixels first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the picture: the profile&apos;s database refused it. Is the disk full?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls are unavailable on this node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>they cannot be called</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A call is using the sound card: its level meter shows your microphone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a Confab identity backup, or it is damaged. Choose the file that &quot;Back up&quot; saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This backup asks for more work than Confab allows, so it was not opened. It was altered, or made by a newer Confab: restore it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase does not open this backup. Check it and try again; capitals, spaces and punctuation count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is not enough free memory for the passphrase&apos;s work (a few hundred MiB). Close other programs and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backup or restore is still running. Try again when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a passphrase of at least %1 characters. A few unrelated words are easy to remember and hard to guess.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing can be sent to them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a word to search for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed; the message database may be damaged (see the log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no conversation with that peer: it is not known here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No peer %1 is known here. Run &apos;confabctl peers&apos; to list known peers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is blocked, so %2. To unblock them, choose Unblock in the Peer menu, or run: confabctl unblock %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The nickname is too long: at most %1 bytes of UTF-8 (accented letters take two, emoji four).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the nickname in the profile %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is this node&apos;s own ID: it cannot block itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the block in the profile %1; nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the change in the profile %1; the peer stays blocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is this node&apos;s own ID: it cannot remove itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove the peer: the profile&apos;s database refused the change, so nothing was removed. Is the disk full?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The computer answers, but nothing there takes Confab connections: Confab is not running on it, or listens on another port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer: the computer may be off or on another network, or a firewall blocks the port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No computer with that name was found on the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer cannot reach that network: is it connected?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other side closed the connection before it was set up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something answered, but not a Confab this version can talk to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has as many links open as Confab allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection failed (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No peer given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown peer &apos;%1&apos;. Run &apos;confabctl peers&apos; to list known peers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; matches %2 peers (%3); give more of the ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is your own contact text: give it to whoever wants to add you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key is known for %1 yet: connect to it once first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown discovery mode &apos;%1&apos;: use auto, avahi, embedded or off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download folder must be a full path, such as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The storage for others must be from %1 to %2 MiB (not %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The speed for others&apos; files must be from 0 (none passed on) to %1 KiB/s (not %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Away after idle must be from 0 (never) to %1 minutes (not %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the settings to the profile folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are in every room you make or join already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>they cannot be added to a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has not been met yet: Confab adds to a room only peers it has linked to or heard of through a relay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 runs a version of Confab without rooms; they need to update first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room could not be found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The drop could not be found after it was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No transfer has the id &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rename needs a nickname (&quot;&quot; clears it).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Cannot save the backup in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReactionText</name>
    <message>
        <source>%1 %2</source>
        <extracomment>A reaction chip under a message both sides chose: &quot;👍 2&quot;.
----------
One reaction in &quot;Reactions: you 👍, Bob 😂&quot;: the peer&apos;s name, then the emoji.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you %1</source>
        <extracomment>One reaction in &quot;Reactions: you 👍, Bob 😂&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomText</name>
    <message>
        <source>You created the room “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 created the room “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You renamed the room to “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 renamed the room to “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You added %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You removed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You made %1 an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 made you an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 made %2 an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read by all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read by %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered to %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read by: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet with: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rooms</name>
    <message>
        <source>A room needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A room&apos;s name can be at most %1 bytes long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A room&apos;s name cannot contain control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not a member of this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an admin of the room can do that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room is full: it has %1 members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That peer is already a member of the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That peer is not a member of the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That member is already an admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room already has that name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That change would do nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This node is in %1 rooms already; leave one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A room can have at most %1 members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are no longer a member of this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is too long: at most %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the room&apos;s key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several rooms match &quot;%1&quot;; use more of the room&apos;s id (`confabctl rooms` lists them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No room called &quot;%1&quot;; `confabctl rooms` lists the rooms.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot configure the database %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the database schema version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile was written by a newer Confab (schema %1, this build knows %2). Update Confab to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database migration to schema %1 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the profile folder %1. Check that its parent exists and is writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot lock the profile %1 (%2). Check that the folder is writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile %1 is already in use%2. Stop that Confab first, or use another --profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (process %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity key %1 is damaged or unreadable. Restore it from a backup, or move the profile away to start a new identity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the identity key to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the restored key in %1. Check that the folder is writable and the disk is not full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot put the restored key in place in %1 (%2). The profile keeps its key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TransferText</name>
    <message>
        <source>The peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder(s)</source>
        <translation>
            <numerusform>%n folder</numerusform>
            <numerusform>%n folders</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You send %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sends you %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ From a verified contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not verified: accept only files you expect from them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>about %n s left</source>
        <translation>
            <numerusform>about %n s left</numerusform>
            <numerusform>about %n s left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min left</source>
        <translation>
            <numerusform>about %n min left</numerusform>
            <numerusform>about %n min left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n h left</source>
        <translation>
            <numerusform>about %n h left</numerusform>
            <numerusform>about %n h left</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing: reading and checking the files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for %1 to accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you to accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused by you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent: %1 has it all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received, saved in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 declined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You declined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received %1 from %2, saved in %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be sent to %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from %2 did not arrive: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offered %1 to %2; it shows in your conversation with them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offered %1 to %2 members; each sees it in your conversation with them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <source>The disk is full: there is no room left for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your disk quota is used up: there is no room left for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too big for the disk it goes to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be written: the disk is read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be written: permission denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a link; nothing is written through it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a folder; nothing is written into it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a name a received file or folder can have</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No free name is left for “%1” in “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” in “%2” is not a plain file of its own; nothing is written to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The drop holds a path that cannot be saved safely (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of “%1” kept arriving damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” does not match what was offered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A write or read past the end of a partial file in “%1” was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A partial file in “%1” was cut short by another program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the path is absolute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the path has an empty part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the path has a &quot;.&quot; or &quot;..&quot; part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the path nests too many folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the path is refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list of files sent does not match the offer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be sent as a whole; choose the files and folders in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two of the chosen items are named %1; only one of them can be sent in the same drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a link; links cannot be sent, choose what it points to instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a file or a folder (a device, pipe or socket) and cannot be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The drop holds more than %1 files and folders; send fewer at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The path of %1 is too long to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lies more than %2 folders deep and cannot be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has other names on this disk (hard links) and cannot be sent from inside a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name of %1 is not valid UTF-8 text and cannot be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed while it was being read; send it again when it is no longer being written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was removed before it could be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the files was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was chosen to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chunk size %1 is not one the protocol allows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The drop holds too many files to be sent at once; send fewer at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver&apos;s disk is full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receiver&apos;s download folder cannot be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file changed on the sender&apos;s side after it was offered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file is no longer there on the sender&apos;s side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the drop kept arriving damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The drop broke a rule and was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab stopped while the files were being prepared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name a transfer by its id (see confabctl transfers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; fits more than one transfer; give more of its id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No transfer has the id &apos;%1&apos; (see confabctl transfers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot send files to yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name at least one peer to send to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A drop goes to at most %1 peers at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same peer is named twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name at least one file or folder to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This peer&apos;s Confab is too old to receive files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The drop could not be saved. Check the disk space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no drop with that id offered to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This drop was already answered (it is %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No download folder is set; choose a folder to save the drop in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough free space in %1: the drop needs %2, there are %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This drop was already answered; cancel it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no drop with that id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This drop is over (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::app::ScreenshotScene</name>
    <message>
        <source>the scene did not come about in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown scene &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to grab</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::AboutDialog</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab&apos;s icon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Confab %1&lt;/b&gt;&lt;br&gt;Protocol version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat, calls and files between the computers around you: no server, no account, no internet. Everything is encrypted end to end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your profile (identity key, messages, settings) is in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the profile folder&apos;s path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the profile folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Libraries and licences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::AddPeerDialog</name>
    <message>
        <source>Add Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example 192.168.1.20:42042</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact text cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address of the peer (host or host:port), or their contact text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A host name or IP address, optionally followed by a colon and a port, or contact text starting with confab:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact text, from the other person&apos;s File &gt; My Address, adds them and trusts their key at once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::AudioSettingsSection</name>
    <message>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for sound cards…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker or headset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound cards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the chosen microphone for a few seconds and shows its level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone test result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Microphone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;peaker:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound cards cannot be listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sound card found. Calls still connect, without sound, until one is plugged in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No microphone found: the other side will hear silence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new choice applies from the next start of Confab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the microphone test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speak into the microphone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lo&amp;w latency for the calls I start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low latency for the calls I start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About 10 ms less delay, for quiet rooms and headsets: shorter audio packets, twice as many of them, and no noise suppression. From the next call on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;cho cancellation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Echo cancellation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps the others from hearing themselves through your speaker. With headphones you can turn it off: your voice then reaches them 7 ms sooner. From the next call on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::AvatarSettingsSection</name>
    <message>
        <source>C&amp;hoose Picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose your picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A photo or an image file: its middle square is what your peers see</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove your picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your peers see your initials instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Your Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::AvatarView</name>
    <message>
        <source>Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picture of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No picture: the initials of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::CallBar</name>
    <message>
        <source>&amp;Hang Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute the microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute or unmute your microphone (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push to Talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push to talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When on, your microphone is closed except while you hold Space or the Talk button</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold to talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold to speak (or hold Space outside the message box)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the call (Ctrl+Shift+H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your microphone is muted: %1 hears nothing from you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talking — release to close the microphone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Push to talk: hold Space (outside the message box) or the Talk button to speak.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your microphone and speaker could not be opened: the call goes on without sound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your microphone could not be opened: %1 hears nothing from you, but you hear them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your speaker could not be opened: you hear nothing from %1, but they hear you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room of the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leave Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the room call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the room&apos;s call; the others stay in it (Ctrl+Shift+H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your microphone is muted: nobody in the call hears you.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::CallController</name>
    <message>
        <source>Another call is in progress: hang it up first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed call from %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 called you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is calling you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room call: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed room call at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missed call in the room “%1” at %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::Composer</name>
    <message>
        <source>Write a message — Enter sends, Shift+Enter starts a new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter sends the message, Shift+Enter starts a new line</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::ConversationExporter</name>
    <message>
        <source>Conversation with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Conversation with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text file (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web page (*.html *.htm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the conversation with %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation with %1 was not exported: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conversation with %1 was not saved to %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved %n message(s) with %1 to %2.</source>
        <translation>
            <numerusform>Saved %n message with %1 to %2.</numerusform>
            <numerusform>Saved %n messages with %1 to %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::ConversationHeader</name>
    <message>
        <source>Conversation partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer &amp;Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer details and safety number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID, address and safety number; mark as verified (Ctrl+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a peer on the left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call this peer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::ConversationModel</name>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You at %1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Queued: it will be sent when they come back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relayed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Relayed: another peer holds it, sealed so that only they can read it, and passes it on when they are reachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New messages. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You deleted this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Edited %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You at %1: you deleted this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received at %1: this message was deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You at %1, %2, edited: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received at %1, edited: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to a message not found. %1</source>
        <extracomment>A reply whose quoted message is unknown, then the reply&apos;s text.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to %1: %2 %3</source>
        <extracomment>&quot;Reply to Bob: &lt;the quoted text&gt;. &lt;the reply&apos;s text&gt;&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to %1: %2. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original message not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::ConversationView</name>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Select Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages yet. Write the first one below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete for Everyone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages and file drops, newest at the bottom. Ctrl+C copies the selected messages; F2 or a double click opens a message for selecting part of its text; Ctrl+R replies to the current message; the menu key lists the links in it, Reply and React (and, for your own, Edit and Delete for Everyone), or what can be done with the current file drop; Enter accepts, pauses, resumes or opens it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;act</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Take Back Reaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go to Quoted Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::CreateRoomDialog</name>
    <message>
        <source>New Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every member sees this name. At most %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example Project Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem with the name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Members:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The people to invite into the room. Space checks or unchecks the person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name is too long: a room&apos;s name can take at most %1 bytes, and this one takes %2. Letters with accents and those of most other scripts take two to four bytes each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name cannot contain control characters such as tabs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the room a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one member.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::EditingBar</name>
    <message>
        <source>Editing your message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter saves, Escape cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to save or cancel the edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the message as it was and bring back what you were writing (Escape)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message you reply to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send what you write as a plain message; it stays as it is (Escape)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::FirstRunDialog</name>
    <message>
        <source>Welcome to Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab icon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome to Confab.&lt;/b&gt;&lt;br&gt;Chat with people on this network — no server, no account. Confab has created your identity on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your &amp;name, as others see it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name peers see next to your messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peers can compare this with what their Confab shows for you, to be sure it is really you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose another name: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Confab</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::IdentitySettingsSection</name>
    <message>
        <source>Identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bac&amp;k Up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rest&amp;ore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your identity key is who you are to your peers. Back it up to keep your ID on a new computer or after reinstalling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About the identity key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up the identity key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the key in a file, sealed with a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore an identity key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the identity in a backup file this computer&apos;s, from the next start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity backup status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Identity Backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab identity backups (*.backup);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore Identity Backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup saved in %1 holds your identity key, sealed with this passphrase. Anyone with both can be you: keep them apart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved your identity in %1. Keep the passphrase: without it the backup cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a Confab identity backup: it is far too big for one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity in %1 becomes this computer&apos;s from the next start: peers will know you by its ID. The key used now is kept in the profile folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has that identity already (%1); nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored identity %1. Confab uses it from its next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity Restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab uses the restored identity %1 from its next start. Restart Confab now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restart Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::IncomingCallDialog</name>
    <message>
        <source>&amp;Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming call — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab icon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is happening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not verified — compare safety numbers to be sure who it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer (Ctrl+Shift+A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline (Ctrl+Shift+D; Escape in this dialog)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming room call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who calls which room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join the room call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join the call (Ctrl+Shift+A)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::InviteToRoomDialog</name>
    <message>
        <source>Invite to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;People to invite to %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People to invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone Confab knows who is not in the room yet. Space checks or unchecks the person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone Confab has found on the network is in this room already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite the people chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one person.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::KeyWarningBanner</name>
    <message>
        <source>Show &amp;Safety Number…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I &amp;Understand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was logged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the safety number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I understand: allow sending again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone presented a different key for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone on the network tried to connect as %1 but presented a different identity key than the one Confab knows for this contact. Confab refused the connection, so nothing was sent to them or accepted from them. It may be someone pretending to be %1 — or %1 may have reinstalled Confab. Compare safety numbers with %1 in person before you trust this conversation again. Sending is paused until you confirm that you have read this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::LevelMeterWidget</name>
    <message>
        <source>Microphone level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>silent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::MainWindow</name>
    <message>
        <source>Discovery: Avahi (system mDNS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery: built-in mDNS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery: off (addresses only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Own address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network diagnosis and notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not running: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot add %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Peer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Write Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer &amp;Details and Safety Number…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter peers (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter peers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending is paused: read the warning above and press “I Understand”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a message — Enter sends, Shift+Enter starts a new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is offline. What you send now is queued and sent when they come back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1) %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued — %1 is offline; it will be sent when they come back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a peer first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages keep arriving. Quit from the tray icon&apos;s menu or with Ctrl+Q.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Call Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mute Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Push to Talk (Hold Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hang Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a peer to call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another call is in progress: hang it up first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the key warning first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is offline: calls need the peer online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call %1 (Ctrl+Shift+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved. The name, discovery mode and sound cards apply from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Answer Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decline Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the message was not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows only the peers whose name contains the text. Enter opens the first one, Escape clears it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped trying %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not listening yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Your address: %1 (+%n more)</source>
        <translation>
            <numerusform>Your address: %1 (+%n more)</numerusform>
            <numerusform>Your address: %1 (+%n more)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls need a direct connection: %1 is reached only through %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent through other peers — %1 is offline here; they pass it on, unable to read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search Messages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search in This Conversation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unblock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unblock this peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You blocked %1: nothing from them reaches you, and you cannot write to them. Unblock them to talk again (also in the Peer menu).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending is off: this peer is blocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is blocked: unblock them to call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;Files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send files to this peer (or drop them on the conversation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send F&amp;older…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter opens the conversation; the Menu key or Shift+F10 offers Send Files, Rename, Block and Remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New room (Ctrl+Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter opens the room. New Room is in the Room menu (Ctrl+Shift+N).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mentioned you in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;My Address…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Others can add you with any of these addresses:
%1
File &gt; My Address shows them with your contact text and its QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1… Their key is verified as soon as they answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your reply was not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the edited message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;Files to Members…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send F&amp;older to Members…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer files to every other member of the room, each in your conversation with them (or drop them on the room&apos;s messages)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer a folder to every other member of the room, each in your conversation with them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::MessageChanges</name>
    <message>
        <source>Not edited: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete for Everyone?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this message for everyone?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It goes from this computer now, and from your peer&apos;s copy as soon as their Confab is reachable (one too old to know deletions keeps it). Both conversations will show that a message was deleted. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the message for everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::MessageDelegate</name>
    <message>
        <source>Message text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited · %1</source>
        <extracomment>Before a message&apos;s time in the conversation: &quot;edited · 14:02 · read&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::MessageReactions</name>
    <message>
        <source>Reaction not taken back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reaction not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::MessageReplies</name>
    <message>
        <source>Replying to yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replying to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::MyAddressDialog</name>
    <message>
        <source>Copy &amp;Contact Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People on your network can add you with one of these addresses. To add you and trust your key at once, they scan the code or paste your contact text into Add Peer. Give it to them yourself, or over a channel you trust.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ddresses:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the chosen address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QR code of your contact text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ontact text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your contact text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy your contact text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not listening yet: no address to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many addresses for a QR code: copy the text.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::NamesakeNotice</name>
    <message>
        <source>Compare Safety &amp;Numbers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two peers with one name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another peer has this name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare safety numbers with this peer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::PassphraseDialog</name>
    <message>
        <source>S&amp;how the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back Up Identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore Identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it did not work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sealing the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase chosen when the backup was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least %1 characters. A few unrelated words are easy to remember and hard to guess. Without the passphrase the backup cannot be opened: nobody can recover it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the same passphrase again below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the passphrase somewhere safe, apart from the backup.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::PeerActions</name>
    <message>
        <source>&amp;Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the peer a nickname of your own (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block: no links, messages or calls from the peer, and nothing relayed for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the peer with your whole conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Un&amp;block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is shown by their own name again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is called %2 here now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is still blocked: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not blocked: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is unblocked: they can link, write and call again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is blocked: nothing from them reaches you until you unblock them (Peer menu).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 and your whole conversation with them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every message with %1 is deleted from this computer, with their key and verification. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 stays blocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 If %2 is still on the network, they come back as a new peer; block them to keep them out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the peer and the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not removed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Removed %1 and %n message(s).</source>
        <translation>
            <numerusform>Removed %1 and %n message.</numerusform>
            <numerusform>Removed %1 and %n messages.</numerusform>
        </translation>
    </message>
    <message>
        <source>E&amp;xport Conversation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the whole conversation as a text file or a web page</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::PeerChecklist</name>
    <message>
        <source>Filter people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows only the people whose name contains the text. Down or Enter goes to the list, Escape clears the text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People to choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space checks or unchecks the person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody to choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one to add yet: people appear here once Confab has found them on the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (ID %2)</source>
        <extracomment>Someone whose name another peer has too, told apart by the start of the ID: &quot;Alice (ID 3fk2…)&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <extracomment>A person to choose and whether they are online: &quot;Bob — online&quot;, &quot;Carol — via Bob&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::PeerDelegate</name>
    <message>
        <source>key warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>via %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blocked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::PeerDetailsDialog</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mark as Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer Details — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: someone presented a different key for %1. Compare the safety number below with %1 in person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified: you compared the safety number with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No safety number yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s Confab shows the same number for you. Compare it in person or on a call you trust: read the groups aloud. If every digit matches, nobody is in between — mark %1 as verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove Verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark %1 as Verified?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did you compare the safety number with %1 in person or over a call, and did every digit match?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Yes, Mark as Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes, I compared it: mark as verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Verification?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the verification of %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shows as not verified until you compare the safety number again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Your computer cannot reach %1 directly; messages go through %2, who cannot read them. %1 is %n hop(s) away.</source>
        <translation>
            <numerusform>Your computer cannot reach %1 directly; messages go through %2, who cannot read them. %1 is %n hop away.</numerusform>
            <numerusform>Your computer cannot reach %1 directly; messages go through %2, who cannot read them. %1 is %n hops away.</numerusform>
        </translation>
    </message>
    <message>
        <source>Direct: your computer is connected to %1 itself, so messages go straight to %1 with nobody in between.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be reached now, directly or through other peers. What you send waits, here or sealed with peers that carry messages for others, until %1 is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>via %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name they announce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls themselves:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blocked: nothing from them reaches you (Unblock in the Peer menu)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::PeerListModel</name>
    <message>
        <source>No messages yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(%n unread)</source>
        <translation>
            <numerusform>(%n unread)</numerusform>
            <numerusform>(%n unread)</numerusform>
        </translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key warning: read it before sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message>
        <source>last message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Address: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>via %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <extracomment>A peer and how it is reached: &quot;Bob — online&quot;, &quot;Carol — via Bob&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>reached via %1, %n hop(s) away</source>
        <translation>
            <numerusform>reached via %1, %n hop away</numerusform>
            <numerusform>reached via %1, %n hops away</numerusform>
        </translation>
    </message>
    <message>
        <source>%1
No direct connection: messages go through %2, who cannot read them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>calls themselves %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blocked: nothing from them reaches you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
To let them in again: Unblock, in the Peer menu or this list&apos;s context menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another peer named %1, whom you verified, is online. If %1 reinstalled Confab, compare the safety number before trusting this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another peer named %1, whom you verified, is offline. If %1 reinstalled Confab, compare the safety number before trusting this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n other peer(s) also called %1 (ID %2). This one&apos;s ID starts %3. Compare safety numbers to know who is who.</source>
        <translation>
            <numerusform>%n other peer also called %1 (ID %2). This one&apos;s ID starts %3. Compare safety numbers to know who is who.</numerusform>
            <numerusform>%n other peers also called %1 (IDs %2). This one&apos;s ID starts %3. Compare safety numbers to know who is who.</numerusform>
        </translation>
    </message>
    <message>
        <source>ID %1, another peer has the same name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You sent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent you %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message deleted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::PendingPeersPanel</name>
    <message>
        <source>Peers being added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trying %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach %1 yet. %2 Trying again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach %1 yet. %2 Confab keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop trying %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop trying %1 and forget it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::PresenceControl</name>
    <message>
        <source>Sta&amp;tus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Busy — do not disturb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peers see you are there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peers see you are not at the computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peers see you do not want to be disturbed; no notifications or sounds here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your status, as peers see it. Change it here or in File → Status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::RelaySettingsSection</name>
    <message>
        <source>Relaying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About relaying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage limit for messages carried for others, in MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrying messages in this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage &amp;limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab carries no messages for others in this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: it was started with %2, which overrides these settings. What you choose here applies when Confab starts without that option.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; your choice applies from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most disk space that messages held for peers who are away may take. Each peer that hands messages over may fill only a small share of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca&amp;rry messages and files for others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peers that cannot reach each other directly can send their messages and files through this computer. They are sealed: it cannot read them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carry messages and files for others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold and pass on messages, and pass file drops on, between peers that cannot reach each other directly. Both are sealed: this computer cannot read them. File drops for others take at most the speed set below of this computer&apos;s network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> KiB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None passed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed for file drops passed on for others, in KiB per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most of this computer&apos;s network that file drops between other peers may take, all of them together; 0 passes none on. 2560 KiB/s is about 20 Mbit/s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fil&amp;es, at most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab carries messages for others in this run, keeping up to %1 MiB for them, and passes their files on at up to %2 KiB/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::RenamePeerDialog</name>
    <message>
        <source>Rename %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Nickname, shown only on this computer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About nicknames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave it empty to show the peer by its ID again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They call themselves “%1”; Peer Details still shows that name. Leave it empty to use it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the nickname was not taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename the peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomActions</name>
    <message>
        <source>The room “%1” was not made: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made the room “%1”; its members are being told.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invited %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name for “%1” (every member sees it):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renamed the room to “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are its only admin: the member who has been in it longest becomes admin. Its history stays on this computer; you get nothing new unless someone invites you again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its history stays on this computer; you get nothing new unless someone invites you again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the room “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You left “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from “%2”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 keeps what they have, but cannot read anything written in the room from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed %1 from the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an admin now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomCallPanel</name>
    <message>
        <source>speaking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leave Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join the room call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join the call (Ctrl+Shift+A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline the room call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline the call (Ctrl+Shift+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute the microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute or unmute your microphone for everyone in the call (Ctrl+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the room call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the call; the others stay in it (Ctrl+Shift+H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>silenced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmute the microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your microphone is muted: nobody in the call hears you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member&apos;s state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>calling you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ringing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hear %1 again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop hearing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop hearing %1 here; the others still hear them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomConversationModel</name>
    <message>
        <source>You at %1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2, mentions you: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomListModel</name>
    <message>
        <source>You left this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <extracomment>The second line of a room in the list: &quot;5 members · 2 online&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n online</source>
        <translation>
            <numerusform>%n online</numerusform>
            <numerusform>%n online</numerusform>
        </translation>
    </message>
    <message>
        <source>Room %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you left this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unread message(s)</source>
        <translation>
            <numerusform>%n unread message</numerusform>
            <numerusform>%n unread messages</numerusform>
        </translation>
    </message>
    <message>
        <source>you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (admin)</source>
        <extracomment>A room member who may invite, remove, promote and rename: &quot;Alice (admin)&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You left this room.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomMemberList</name>
    <message>
        <source>Room members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Menu key or Shift+F10 offers Remove and Make Admin to an admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make %1 an &amp;Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove %1 from the Room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
ID %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::RoomPane</name>
    <message>
        <source>Room name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room members and presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Invite to Room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;name Room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leave Room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Invite…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite people to this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lea&amp;ve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Membership notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are no longer a member of this room. Its history stays here; you get nothing new unless someone invites you again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write to the room — Enter sends, Shift+Enter starts a new line; @name notifies someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send message to the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Call Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call everyone in the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a room to call it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You left this room: there is nobody to call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are in this room&apos;s call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join the call that rings here (Ctrl+Shift+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another call is in progress: hang it up first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call everyone in the room who is online (Ctrl+Shift+R)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::SearchPanel</name>
    <message>
        <source>Search messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finds messages with every word typed, each as the start of a word. Down goes to the messages found; Escape clears the text, then ends the search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the search (Escape)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;In:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation with %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::SearchResultDelegate</name>
    <message>
        <source>You to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::SearchResultsModel</name>
    <message>
        <source>No messages found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The newest %1 messages found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) found.</source>
        <translation>
            <numerusform>%n message found.</numerusform>
            <numerusform>%n messages found.</numerusform>
        </translation>
    </message>
    <message>
        <source>You to %1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::SettingsDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the download folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start minimised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in mDNS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download &amp;folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discovery:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When settings apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s Avahi daemon if it runs, else the built-in mDNS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avahi (system mDNS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the system&apos;s Avahi daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab&apos;s own mDNS responder, also where Avahi runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off (addresses only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No multicast: only peers added by address, remembered or passed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery in this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery is “%1” in this run: Confab was started with the option --discovery %2, which overrides this setting. The saved choice, “%3”, applies when Confab starts without that option.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discovery stays “%1” in this run: Confab was started with the option --discovery %2. “%3” applies when Confab starts without that option.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run uses “%1”; “%2” applies from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start m&amp;inimised (in the tray when there is one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept files from verified contacts automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept files from verified contacts automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files from contacts whose safety number you compared go to the download folder without asking; files from anyone else always wait for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show me as away after this many minutes without using Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peers see you as away once nobody has typed or moved the mouse in Confab for this long, and available again as soon as you do. 0: never.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awa&amp;y after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show notifications for messa&amp;ges, calls and files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a so&amp;und</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show notifications for messages, calls and files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the window is not in front. Busy turns them off for a while.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications play a sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desktop&apos;s own sound for a new message or a call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The display name, the discovery mode, relaying, the sound cards and starting minimised take effect the next time Confab starts; your picture, the download folder, accepting files, away after, notifications, low latency and echo cancellation apply from now on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::ShortcutsDialog</name>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anywhere else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new line in the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift+Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions for the peer in the list (rename, block, export…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menu or Shift+F10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the peer filter; end a search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talk while push-to-talk is on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move between the parts of the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab or Shift+Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to the current message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::StartupFlow</name>
    <message>
        <source>Confab cannot start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::TransferActions</name>
    <message>
        <source>&amp;Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept &amp;To…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in &amp;Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy File &amp;Hash (BLAKE2b-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the Files In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot decline: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot pause: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot resume: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot cancel: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the file&apos;s BLAKE2b-256 hash (compare it with `b2sum -l 256`).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot accept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send Files to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a Folder to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing on this computer opens %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send Files to the Members of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a Folder to the Members of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::TransferNotifier</name>
    <message>
        <source>Files from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File transfer failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::TrayIcon</name>
    <message>
        <source>&amp;Show Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Confab — %n unread message(s)</source>
        <translation>
            <numerusform>Confab — %n unread message</numerusform>
            <numerusform>Confab — %n unread messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Confab — no unread messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
