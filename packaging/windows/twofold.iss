; Inno Setup script for Twofold on Windows (prepared, not built here: Inno Setup and PyInstaller's
; Windows build need Windows). On a Windows machine with Python 3.11 and Inno Setup 6:
;
;   py -3.11 -m venv .venv && .venv\Scripts\pip install -e .[build]
;   .venv\Scripts\python packaging\package.py icons --out build\icons
;   .venv\Scripts\pyinstaller build.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\twofold.iss
;   iscc /DAppVersion=0.1.0 /DOrgDir=C:\path\to\org /DOrgName=acme packaging\windows\twofold.iss
;
; The second form is the branded installer: it also installs the organisation folder
; (managed.toml, policy.toml) into C:\ProgramData\Twofold\, the folder Twofold reads on Windows
; (its "site" folder, shown by `twofold-cli paths`). Staff machines take it silently:
;   twofold-0.1.0-acme-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z twofold.iss
#endif
#ifdef OrgName
  #define SetupName "twofold-" + AppVersion + "-" + OrgName + "-setup"
#else
  #define SetupName "twofold-" + AppVersion + "-setup"
#endif

[Setup]
AppId={{7D3F2A4E-9C1B-4E8A-B6F0-2A5C8D1E4F37}
AppName=Twofold
AppVersion={#AppVersion}
AppPublisher=Twofold
DefaultDirName={autopf}\Twofold
DefaultGroupName=Twofold
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename={#SetupName}
SetupIconFile=..\..\build\icons\twofold.ico
UninstallDisplayIcon={app}\twofold.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The one-folder bundle: twofold.exe (the window), twofold-cli.exe (the command line) and _internal.
Source: "..\..\dist\twofold\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
#ifdef OrgDir
; managed.toml and the policy pack (policy.toml, or the file its policy_pack names); the folder
; must hold nothing else (validate_org in packaging/package.py checks it).
Source: "{#OrgDir}\*"; Excludes: "README*,.*"; DestDir: "{commonappdata}\Twofold"; Flags: ignoreversion
#endif

[Icons]
Name: "{autoprograms}\Twofold"; Filename: "{app}\twofold.exe"
Name: "{autodesktop}\Twofold"; Filename: "{app}\twofold.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\twofold.exe"; Description: "{cm:LaunchProgram,Twofold}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; The organisation folder goes with the program; each user's own profile stays.
#ifdef OrgDir
Type: filesandordirs; Name: "{commonappdata}\Twofold"
#endif
