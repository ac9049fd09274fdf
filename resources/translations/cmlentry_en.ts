<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>AckReportDialog</name>
        <message numerus="yes">
            <source>%n case(s) accepted by the registry.</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) rejected, for the reasons below: resolve them with the registry coordinator. Nothing was overwritten at the registry.</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) are now marked acknowledged.</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n accepted case(s) were changed here after the batch was made: they are not marked acknowledged, and their changes go in a later batch.</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>BatchesDialog</name>
        <message numerus="yes">
            <source>%n batch(es) made by this site, newest first.</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of them still wait(s) for the registry's acknowledgement.</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CaseListWidget</name>
        <message numerus="yes">
            <source>%1 of %Ln cases</source>
            <translation>
                <numerusform>%1 of %Ln case</numerusform>
                <numerusform>%1 of %Ln cases</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CasesPage</name>
        <message numerus="yes">
            <source>The %n signed case(s) changed since they were last sent are chosen.</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) are listed without a tick box: the last column says why.</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) chosen</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>EditorHeader</name>
        <message numerus="yes">
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n error</numerusform>
                <numerusform>%n errors</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n warning</numerusform>
                <numerusform>%n warnings</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FolderPage</name>
        <message numerus="yes">
            <source>%n case(s) go in the next batch.</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FormListModel</name>
        <message numerus="yes">
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n error</numerusform>
                <numerusform>%n errors</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n warning</numerusform>
                <numerusform>%n warnings</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message numerus="yes">
            <source>%n change(s) of %1, newest first. Times are local time.</source>
            <translation>
                <numerusform>%n change of %1. Times are local time.</numerusform>
                <numerusform>%n changes of %1, newest first. Times are local time.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportPanel</name>
        <message numerus="yes">
            <source>%n dropped item(s) left out: only batch files (.cmlbatch) are imported.</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportReportModel</name>
        <message numerus="yes">
            <source>Batch %1 of %2: %n case(s) accepted, rejected: %3.</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportReportView</name>
        <message numerus="yes">
            <source>%n file(s) not imported: the import was cancelled.</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MainTasks</name>
        <message numerus="yes">
            <source>%n case(s) created from the workbook, as drafts.</source>
            <translation>
                <numerusform>%n case created from the workbook, as a draft.</numerusform>
                <numerusform>%n cases created from the workbook, as drafts.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of them have errors or warnings to look at: tick “Only with open errors or warnings” in the list to see them.</source>
            <translation>
                <numerusform>%n of them has errors or warnings to look at: tick “Only with open errors or warnings” in the list to see it.</numerusform>
                <numerusform>%n of them have errors or warnings to look at: tick “Only with open errors or warnings” in the list to see them.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message numerus="yes">
            <source>At least %n characters. The reason is kept in the audit trail with your name and the time of the change.</source>
            <translation>
                <numerusform>At least %n character. The reason is kept in the audit trail with your name and the time of the change.</numerusform>
                <numerusform>At least %n characters. The reason is kept in the audit trail with your name and the time of the change.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RegistryWindow</name>
        <message numerus="yes">
            <source>Importing %n batch file(s)…</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Importing %n batch file(s)</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ResultPage</name>
        <message numerus="yes">
            <source>%n case(s)</source>
            <translation type="unfinished">
                <numerusform></numerusform>
                <numerusform></numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SavedFormsTableModel</name>
        <message numerus="yes">
            <source>%n change(s)</source>
            <translation>
                <numerusform>%n change</numerusform>
                <numerusform>%n changes</numerusform>
            </translation>
        </message>
    </context>
</TS>
