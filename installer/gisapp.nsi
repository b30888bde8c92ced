; The Windows installer of gisapp (残疾人服务覆盖规划): one setup.exe that a planner runs without
; administrator rights and without internet.
;
;   makensis -DDIST=%CD%\dist\gisapp -DVERSION=0.1.0 installer\gisapp.nsi
;
; makensis works in this script's folder: give DIST (and OUTFILE, default gisapp-VERSION-setup.exe
; here) as absolute paths. -DNOCOMPRESS skips compression (CI checks only that it compiles).
; DIST is the PyInstaller folder (gisapp.exe, gisapp-cli.exe, _internal\). With -DPREVIEW it is
; the folder of build-windows-preview.sh instead (gisapp-cli.cmd; _internal\ holding the
; embeddable CPython, the Windows wheels and the app).
; Installs for the current user only, into %LOCALAPPDATA%\Programs\gisapp; Start-menu and desktop
; shortcuts; "Open with" for .gpkg; an uninstaller registered under HKCU. Pages in Chinese
; (English on an English Windows). `setup.exe /S` installs silently, `/D=C:\path` (last) chooses
; the folder; `uninstall.exe /S` removes it silently.

Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
!ifdef NOCOMPRESS
  SetCompress off  ; CI only checks that the script compiles
!else
  SetCompressor /SOLID lzma
  SetCompressorDictSize 64  ; MB: gisapp.exe and gisapp-cli.exe carry the same 20 MB of code
!endif

!ifndef DIST
  !error "pass the folder to install, absolute: -DDIST=%CD%\dist\gisapp"
!endif
!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "gisapp-${VERSION}-setup.exe"
!endif

!define APP_ID "gisapp"
!define APP_NAME "残疾人服务覆盖规划"
!define PUBLISHER "gisapp"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define PROG_ID "gisapp.gpkg"
!ifdef PREVIEW
  ; The Linux-built preview: the embeddable CPython runs the app.
  !define APP_EXE "_internal\python\pythonw.exe"
  !define APP_ARGS "-m gisapp"
  !define NAME_SUFFIX "（预览版）"
!else
  !define APP_EXE "gisapp.exe"
  !define APP_ARGS ""
  !define NAME_SUFFIX ""
!endif

Name "${APP_NAME}${NAME_SUFFIX}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT; Noto Sans CJK: SIL OFL 1.1"

!include "MUI2.nsh"
!define MUI_ICON "gisapp.ico"
!define MUI_UNICON "gisapp.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_FUNCTION RunApp

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_UNPAGE_FINISH

; The first language is the default; Windows in English gets English pages.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString GPKG_TYPE ${LANG_SIMPCHINESE} "GeoPackage 项目文件"
LangString GPKG_TYPE ${LANG_ENGLISH} "GeoPackage project"

Section "${APP_NAME}" SecApp
  SectionIn RO
  SetShellVarContext current
  ; Files of an older version would outlive the update: remove what that installer put there.
  IfFileExists "$INSTDIR\uninstall.exe" 0 +2
    Call RemoveProgram
  SetOutPath "$INSTDIR"
  File /r "${DIST}\*.*"
  File "gisapp.ico"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP_NAME}${NAME_SUFFIX}.lnk" "$INSTDIR\${APP_EXE}" \
    "${APP_ARGS}" "$INSTDIR\gisapp.ico" 0
  CreateShortCut "$DESKTOP\${APP_NAME}${NAME_SUFFIX}.lnk" "$INSTDIR\${APP_EXE}" \
    "${APP_ARGS}" "$INSTDIR\gisapp.ico" 0

  ; "Open with" for .gpkg, without taking the file type from QGIS or ArcGIS.
  WriteRegStr HKCU "Software\Classes\${PROG_ID}" "" "$(GPKG_TYPE)"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}" "FriendlyTypeName" "$(GPKG_TYPE)"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\DefaultIcon" "" "$INSTDIR\gisapp.ico"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\shell\open" "FriendlyAppName" "${APP_NAME}"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\shell\open\command" "" \
    '"$INSTDIR\${APP_EXE}" ${APP_ARGS} "%1"'
  WriteRegStr HKCU "Software\Classes\.gpkg\OpenWithProgids" "${PROG_ID}" ""
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; Apps & features (Programs and Features) lists it for this user.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}${NAME_SUFFIX}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\gisapp.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  SectionGetSize ${SecApp} $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Function .onInit
  SetShellVarContext current
FunctionEnd

Function RunApp
  Exec '"$INSTDIR\${APP_EXE}" ${APP_ARGS}'
FunctionEnd

; What the installer puts into $INSTDIR, and nothing else: a planner's own files stay.
!macro REMOVE_PROGRAM un
Function ${un}RemoveProgram
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\gisapp.exe"
  Delete "$INSTDIR\gisapp-cli.exe"
  Delete "$INSTDIR\gisapp-cli.cmd"
  Delete "$INSTDIR\gisapp.ico"
  Delete "$INSTDIR\PREVIEW.txt"
FunctionEnd
!macroend
!insertmacro REMOVE_PROGRAM ""
!insertmacro REMOVE_PROGRAM "un."

Section "Uninstall"
  SetShellVarContext current
  Call un.RemoveProgram
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP_NAME}${NAME_SUFFIX}.lnk"
  Delete "$DESKTOP\${APP_NAME}${NAME_SUFFIX}.lnk"
  DeleteRegKey HKCU "Software\Classes\${PROG_ID}"
  DeleteRegValue HKCU "Software\Classes\.gpkg\OpenWithProgids" "${PROG_ID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\.gpkg\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\.gpkg"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
