/**
 * Names of the ATT&CK groups and techniques and the DISARM techniques the shipped scenario packs use,
 * so the report can say "G0094 Kimsuky" instead of a bare id. Only the ids the packs use (not the
 * knowledge bases); tests/reports/technique-names.test.ts checks each name against the reference data.
 * The report hands the names out with its coverage rows (`CoverageRow.name`).
 *
 * ATT&CK® names: MITRE ATT&CK Enterprise v18.1, © The MITRE Corporation (used under the ATT&CK terms of use).
 * DISARM names: DISARM Red framework, DISARM Foundation, CC BY-SA 4.0.
 */

export const ATTACK_GROUP_NAMES: Readonly<Record<string, string>> = {
  G0032: 'Lazarus Group',
  G0082: 'APT38',
  G0094: 'Kimsuky',
  G0138: 'Andariel',
  G1049: 'AppleJeus',
};

export const ATTACK_TECHNIQUE_NAMES: Readonly<Record<string, string>> = {
  T1005: 'Data from Local System',
  'T1021.002': 'SMB/Windows Admin Shares',
  'T1027.001': 'Binary Padding',
  'T1027.009': 'Embedded Payloads',
  'T1036.004': 'Masquerade Task or Service',
  'T1036.005': 'Match Legitimate Resource Name or Location',
  'T1036.007': 'Double File Extension',
  T1041: 'Exfiltration Over C2 Channel',
  T1049: 'System Network Connections Discovery',
  'T1053.005': 'Scheduled Task',
  T1055: 'Process Injection',
  T1057: 'Process Discovery',
  'T1059.001': 'PowerShell',
  'T1059.005': 'Visual Basic',
  'T1070.001': 'Clear Windows Event Logs',
  'T1070.004': 'File Deletion',
  'T1071.001': 'Web Protocols',
  T1078: 'Valid Accounts',
  'T1078.004': 'Cloud Accounts',
  'T1102.001': 'Dead Drop Resolver',
  'T1102.002': 'Bidirectional Communication',
  T1105: 'Ingress Tool Transfer',
  T1111: 'Multi-Factor Authentication Interception',
  T1112: 'Modify Registry',
  'T1114.002': 'Remote Email Collection',
  'T1114.003': 'Email Forwarding Rule',
  T1133: 'External Remote Services',
  T1140: 'Deobfuscate/Decode Files or Information',
  'T1176.001': 'Browser Extensions',
  T1185: 'Browser Session Hijacking',
  T1190: 'Exploit Public-Facing Application',
  'T1195.001': 'Compromise Software Dependencies and Development Tools',
  'T1195.002': 'Compromise Software Supply Chain',
  'T1204.002': 'Malicious File',
  T1213: 'Data from Information Repositories',
  'T1218.005': 'Mshta',
  T1219: 'Remote Access Tools',
  'T1484.001': 'Group Policy Modification',
  T1485: 'Data Destruction',
  T1486: 'Data Encrypted for Impact',
  T1490: 'Inhibit System Recovery',
  'T1498.001': 'Direct Network Flood',
  'T1499.002': 'Service Exhaustion Flood',
  T1529: 'System Shutdown/Reboot',
  T1534: 'Internal Spearphishing',
  'T1543.003': 'Windows Service',
  'T1547.001': 'Registry Run Keys / Startup Folder',
  'T1550.001': 'Application Access Token',
  'T1553.002': 'Code Signing',
  'T1561.002': 'Disk Structure Wipe',
  'T1565.001': 'Stored Data Manipulation',
  'T1565.002': 'Transmitted Data Manipulation',
  'T1565.003': 'Runtime Data Manipulation',
  'T1566.001': 'Spearphishing Attachment',
  'T1566.002': 'Spearphishing Link',
  'T1566.003': 'Spearphishing via Service',
  T1567: 'Exfiltration Over Web Service',
  'T1567.002': 'Exfiltration to Cloud Storage',
  'T1574.001': 'DLL',
  'T1583.001': 'Domains',
  'T1585.001': 'Social Media Accounts',
  'T1585.002': 'Email Accounts',
  'T1589.002': 'Email Addresses',
  'T1589.003': 'Employee Names',
  T1591: 'Gather Victim Org Information',
  T1598: 'Phishing for Information',
  'T1598.003': 'Spearphishing Link',
  T1620: 'Reflective Code Loading',
  T1656: 'Impersonation',
  T1657: 'Financial Theft',
};

export const DISARM_TECHNIQUE_NAMES: Readonly<Record<string, string>> = {
  T0002: 'Facilitate State Propaganda',
  T0003: 'Leverage Existing Narratives',
  'T0015.002': 'Create New Hashtag',
  T0020: 'Trial Content',
  'T0023.001': 'Reframe Context',
  T0040: 'Demand Insurmountable Proof',
  T0042: 'Seed Kernel of Truth',
  'T0049.002': 'Flood Existing Hashtag',
  'T0049.003': 'Bots Amplify via Automated Forwarding and Reposting',
  'T0049.007': 'Inauthentic Sites Amplify News and Narratives',
  T0059: 'Play the Long Game',
  T0060: 'Continue to Amplify',
  T0068: 'Respond to Breaking News Event or Active Crisis',
  'T0072.001': 'Geographic Segmentation',
  T0079: 'Divide',
  'T0081.004': 'Identify Existing Fissures',
  'T0081.006': 'Identify Wedge Issues',
  'T0084.001': 'Use Copypasta',
  T0085: 'Develop Text-Based Content',
  'T0085.001': 'Develop AI-Generated Text',
  'T0085.004': 'Develop Document',
  'T0085.006': 'Develop Opinion Article',
  'T0086.003': 'Deceptively Edit Images (Cheap Fakes)',
  'T0087.001': 'Develop AI-Generated Videos (Deepfakes)',
  'T0088.001': 'Develop AI-Generated Audio (Deepfakes)',
  'T0089.001': 'Obtain Authentic Documents',
  'T0097.111': 'Government Official Persona',
  'T0097.202': 'News Outlet Persona',
  'T0097.206': 'Government Institution Persona',
  'T0098.001': 'Create Inauthentic News Sites',
  'T0114.001': 'Social Media',
  T0117: 'Attract Traditional Media',
  T0118: 'Amplify Existing Narrative',
  'T0119.002': 'Post across Platform',
  'T0126.001': 'Call to Action to Attend',
  'T0128.005': 'Change Names of Information Assets',
  'T0130.004': 'Use Cryptocurrency',
  'T0135.004': 'Polarise',
  'T0143.003': 'Impersonated Persona',
  'T0145.002': 'AI-Generated Account Imagery',
  'T0146.007': 'Automated Account Asset',
  'T0149.003': 'Lookalike Domain',
  'T0149.004': 'Redirecting Domain Asset',
  'T0150.001': 'Newly Created Asset',
  'T0150.002': 'Dormant Asset',
  'T0150.004': 'Repurposed Asset',
  'T0150.008': 'Bulk Created Asset',
};

export type Framework = 'attack' | 'disarm';

/** The name of an ATT&CK or DISARM technique, or null when the table does not know it. */
export function techniqueName(framework: Framework, id: string): string | null {
  return (framework === 'disarm' ? DISARM_TECHNIQUE_NAMES[id] : ATTACK_TECHNIQUE_NAMES[id]) ?? null;
}

/** "G0094 Kimsuky" (or the bare id when the group is not in the table). */
export function groupLabel(id: string): string {
  const name = ATTACK_GROUP_NAMES[id];
  return name ? `${id} ${name}` : id;
}

/** "T1566.001 Spearphishing Attachment" (or the bare id). */
export function techniqueLabel(framework: Framework, id: string): string {
  const name = techniqueName(framework, id);
  return name ? `${id} ${name}` : id;
}
