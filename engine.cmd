@echo off
rem authcert launcher for Windows: builds target\authcert.jar when missing or older than any module's sources, then runs it.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%cli\target\authcert.jar"
set STALE=0
if not exist "%JAR%" set STALE=1
if "%STALE%"=="0" (
  powershell -NoProfile -Command "$j=(Get-Item -LiteralPath $env:JAR).LastWriteTime; $n=@(@(Get-Item -LiteralPath ($env:HERE+'pom.xml')) + @(Get-ChildItem -LiteralPath $env:HERE -Directory | ForEach-Object { Get-Item -LiteralPath (Join-Path $_.FullName 'pom.xml') -ErrorAction SilentlyContinue; $m = Join-Path $_.FullName 'src\main'; if (Test-Path -LiteralPath $m) { Get-ChildItem -Recurse -File -LiteralPath $m } }) | Where-Object { $_.LastWriteTime -gt $j }).Count; exit [int]($n -gt 0)"
  if errorlevel 1 set STALE=1
)
if "%STALE%"=="1" (
  echo authcert: building %JAR% ^(once, about a minute^)... 1>&2
  if not exist "%HERE%target" mkdir "%HERE%target"
  pushd "%HERE%"
  call mvn -B -q -DskipTests -pl cli -am package > "%HERE%target\build.log" 2>&1
  if errorlevel 1 ( popd & echo authcert: the build failed; see %HERE%target\build.log 1>&2 & exit /b 1 )
  popd
)
rem The engine waits on servers: the JIT's second tier costs more CPU than a run gives back; the lab keeps it.
set JIT=-XX:TieredStopAtLevel=1
if /I "%~1"=="lab" set JIT=
java %JIT% %AUTHCERT_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
