<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
    <context>
        <name>AboutDialog</name>
        <message>
            <source>About cmlentry</source>
            <translation>À propos de cmlentry</translation>
        </message>
        <message>
            <source>cmlentry %1</source>
            <translation>cmlentry %1</translation>
        </message>
        <message>
            <source>Offline, encrypted case entry for the European registry of CML patients in failure after imatinib.</source>
            <translation>Saisie hors ligne et chiffrée des dossiers du registre européen des patients atteints de LMC en échec de l’imatinib.</translation>
        </message>
        <message>
            <source>Icons: Lucide (ISC licence); those derived from Feather under the MIT licence.</source>
            <translation>Icônes : Lucide (licence ISC) ; celles dérivées de Feather sous licence MIT.</translation>
        </message>
        <message>
            <source>Licence of the icons</source>
            <translation>Licence des icônes</translation>
        </message>
        <message>
            <source>&amp;Copy details</source>
            <translation>&amp;Copier les détails</translation>
        </message>
        <message>
            <source>Show the icons' &amp;licence</source>
            <translation>Afficher la &amp;licence des icônes</translation>
        </message>
        <message>
            <source>%1 (new data)</source>
            <translation>%1 (nouvelles données)</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>Case report form</source>
            <translation>Cahier d’observation</translation>
        </message>
        <message>
            <source>Workspace schema</source>
            <translation>Schéma de l’espace de travail</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>inconnu</translation>
        </message>
        <message>
            <source>SQLCipher</source>
            <translation>SQLCipher</translation>
        </message>
        <message>
            <source>Qt</source>
            <translation>Qt</translation>
        </message>
        <message>
            <source>PySide6</source>
            <translation>PySide6</translation>
        </message>
        <message>
            <source>Python</source>
            <translation>Python</translation>
        </message>
        <message>
            <source>The licence file of the icons is missing from this installation.</source>
            <translation>Le fichier de licence des icônes manque dans cette installation.</translation>
        </message>
    </context>
    <context>
        <name>AckFolder</name>
        <message>
            <source>Where should the acknowledgements for the centres be written?</source>
            <translation>Où écrire les accusés de réception destinés aux centres ?</translation>
        </message>
    </context>
    <context>
        <name>AckReportDialog</name>
        <message>
            <source>Acknowledgement of batch %1</source>
            <translation>Accusé de réception du lot %1</translation>
        </message>
        <message>
            <source>The registry answered batch %1 (file %2).</source>
            <translation>Le registre a répondu au lot %1 (fichier %2).</translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) accepted by the registry.</source>
            <translation>
                <numerusform>%n dossier accepté par le registre.</numerusform>
                <numerusform>%n dossiers acceptés par le registre.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) rejected, for the reasons below: resolve them with the registry coordinator. Nothing was overwritten at the registry.</source>
            <translation>
                <numerusform>%n dossier rejeté, pour la raison indiquée ci-dessous : réglez le problème avec le coordinateur du registre. Rien n’a été écrasé au registre.</numerusform>
                <numerusform>%n dossiers rejetés, pour les raisons indiquées ci-dessous : réglez ces problèmes avec le coordinateur du registre. Rien n’a été écrasé au registre.</numerusform>
            </translation>
        </message>
        <message>
            <source>No case was rejected.</source>
            <translation>Aucun dossier n’a été rejeté.</translation>
        </message>
        <message>
            <source>This acknowledgement had already been read: nothing changed.</source>
            <translation>Cet accusé de réception avait déjà été lu : rien n’a changé.</translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) are now marked acknowledged.</source>
            <translation>
                <numerusform>%n dossier est désormais marqué « Reçu par le registre ».</numerusform>
                <numerusform>%n dossiers sont désormais marqués « Reçu par le registre ».</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n accepted case(s) were changed here after the batch was made: they are not marked acknowledged, and their changes go in a later batch.</source>
            <translation>
                <numerusform>%n dossier accepté a été modifié ici après la création du lot : il n’est pas marqué « Reçu par le registre », et ses modifications partiront dans un prochain lot.</numerusform>
                <numerusform>%n dossiers acceptés ont été modifiés ici après la création du lot : ils ne sont pas marqués « Reçu par le registre », et leurs modifications partiront dans un prochain lot.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The registry sent %n new query(ies): they wait for an answer in the case list and the case editor.</source>
            <translation>
                <numerusform>Le registre a envoyé %n nouvelle demande de clarification : elle attend une réponse dans la liste des dossiers et dans l’éditeur.</numerusform>
                <numerusform>Le registre a envoyé %n nouvelles demandes de clarification : elles attendent une réponse dans la liste des dossiers et dans l’éditeur.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The registry closed %n query(ies) it had raised.</source>
            <translation>
                <numerusform>Le registre a clôturé %n demande de clarification qu’il avait émise.</numerusform>
                <numerusform>Le registre a clôturé %n demandes de clarification qu’il avait émises.</numerusform>
            </translation>
        </message>
        <message>
            <source>Rejected cases</source>
            <translation>Dossiers rejetés</translation>
        </message>
    </context>
    <context>
        <name>AdminPage</name>
        <message>
            <source>The first administrator</source>
            <translation>Le premier administrateur</translation>
        </message>
        <message>
            <source>Once the workspace is made, they add the other users.</source>
            <translation>Une fois l’espace de travail créé, l’administrateur ajoute les autres utilisateurs.</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Nom d’utilisateur</translation>
        </message>
        <message>
            <source>Printed name</source>
            <translation>Nom en toutes lettres</translation>
        </message>
        <message>
            <source>As under your signature</source>
            <translation>Tel qu’il figure sous votre signature</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
        <message>
            <source>Password again</source>
            <translation>Confirmation du mot de passe</translation>
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation>Nom d’&amp;utilisateur :</translation>
        </message>
        <message>
            <source>&amp;Printed name:</source>
            <translation>Nom en toutes &amp;lettres :</translation>
        </message>
        <message>
            <source>Pass&amp;word:</source>
            <translation>&amp;Mot de passe :</translation>
        </message>
        <message>
            <source>&amp;Repeat it:</source>
            <translation>&amp;Confirmation :</translation>
        </message>
        <message>
            <source>Accepted. A longer password, such as a short sentence, is stronger.</source>
            <translation>Accepté. Un mot de passe plus long, comme une courte phrase, est plus solide.</translation>
        </message>
        <message>
            <source>At least {n} characters, not containing the user name. A few unrelated words make a password that is strong and easy to remember.</source>
            <translation>Au moins {n} caractères, sans le nom d’utilisateur. Quelques mots sans rapport entre eux font un mot de passe solide et facile à retenir.</translation>
        </message>
    </context>
    <context>
        <name>Banner</name>
        <message>
            <source>Not saved: %1 What you typed is still here and kept as a draft; it is saved again when you leave a field or press Ctrl+S.</source>
            <translation>Non enregistré : %1 Votre saisie est toujours là et conservée comme brouillon ; elle sera de nouveau enregistrée quand vous quitterez un champ ou appuierez sur Ctrl+S.</translation>
        </message>
        <message>
            <source>Not saved: %1 What you typed is still here; it is saved again when you leave a field or press Ctrl+S.</source>
            <translation>Non enregistré : %1 Ce que vous avez saisi est toujours là ; l’enregistrement est retenté quand vous quittez un champ ou appuyez sur Ctrl+S.</translation>
        </message>
        <message>
            <source>Your typing could not be kept as a draft: %1 Do not close cmlentry; save with Ctrl+S when the problem is solved, or call your administrator.</source>
            <translation>Votre saisie n’a pas pu être gardée comme brouillon : %1 Ne fermez pas cmlentry ; enregistrez avec Ctrl+S une fois le problème résolu, ou appelez votre administrateur.</translation>
        </message>
        <message>
            <source>This workspace failed its check at start-up and is open read-only: you can read the cases but not change them. Ask your site administrator to restore the last backup.</source>
            <translation>Cet espace de travail n’a pas passé sa vérification au démarrage et est ouvert en lecture seule : vous pouvez consulter les dossiers mais pas les modifier. Demandez à l’administrateur du site de restaurer la dernière sauvegarde.</translation>
        </message>
    </context>
    <context>
        <name>BatchesDialog</name>
        <message>
            <source>Batches sent to the registry</source>
            <translation>Lots envoyés au registre</translation>
        </message>
        <message>
            <source>Reading the batches…</source>
            <translation>Lecture des lots…</translation>
        </message>
        <message>
            <source>Batches</source>
            <translation>Lots</translation>
        </message>
        <message>
            <source>&amp;Write again…</source>
            <translation>Écrire à &amp;nouveau…</translation>
        </message>
        <message>
            <source>Write the chosen batch's file again, the very same bytes, to a folder</source>
            <translation>Écrire à nouveau le fichier du lot choisi, à l’octet près, dans un dossier</translation>
        </message>
        <message>
            <source>Reading the batches</source>
            <translation>Lecture des lots</translation>
        </message>
        <message numerus="yes">
            <source>%n batch(es) made by this site, newest first.</source>
            <translation>
                <numerusform>%n lot créé par ce site, le plus récent en premier.</numerusform>
                <numerusform>%n lots créés par ce site, le plus récent en premier.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of them still wait(s) for the registry's acknowledgement.</source>
            <translation>
                <numerusform>%n d’entre eux attend encore l’accusé de réception du registre.</numerusform>
                <numerusform>%n d’entre eux attendent encore l’accusé de réception du registre.</numerusform>
            </translation>
        </message>
        <message>
            <source>If a file was lost, choose its batch and “Write again…”: the same file is written, so the registry never receives two batches with one number.</source>
            <translation>Si un fichier a été perdu, choisissez son lot puis « Écrire à nouveau… » : le même fichier est réécrit, si bien que le registre ne reçoit jamais deux lots portant le même numéro.</translation>
        </message>
        <message>
            <source>This site has made no batch yet: “Export a batch…” makes the first.</source>
            <translation>Ce site n’a encore créé aucun lot : « Exporter un lot… » crée le premier.</translation>
        </message>
        <message>
            <source>Batch written</source>
            <translation>Lot écrit</translation>
        </message>
        <message>
            <source>Batch %1 is written again, the same file as before: %2</source>
            <translation>Le lot %1 a été écrit à nouveau, à l’identique : %2</translation>
        </message>
        <message>
            <source>Where to write batch %1</source>
            <translation>Où écrire le lot %1</translation>
        </message>
        <message>
            <source>Writing batch %1</source>
            <translation>Écriture du lot %1</translation>
        </message>
    </context>
    <context>
        <name>BatchesTableModel</name>
        <message>
            <source>Batch</source>
            <translation>Lot</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Fichier</translation>
        </message>
        <message>
            <source>Made</source>
            <translation>Créé le</translation>
        </message>
        <message>
            <source>By</source>
            <translation>Par</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>Dossiers</translation>
        </message>
        <message>
            <source>Registry's answer</source>
            <translation>Réponse du registre</translation>
        </message>
        <message>
            <source>SHA-256 of the file: %1</source>
            <translation>SHA-256 du fichier : %1</translation>
        </message>
        <message>
            <source>Waiting for the acknowledgement</source>
            <translation>En attente de l’accusé de réception</translation>
        </message>
        <message>
            <source>%1: %2 accepted, %3 rejected</source>
            <translation>%1 : %2 accepté(s), %3 rejeté(s)</translation>
        </message>
    </context>
    <context>
        <name>CandidatesTableModel</name>
        <message>
            <source>Registry ID</source>
            <translation>Identifiant registre</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Revision</source>
            <translation>Révision</translation>
        </message>
        <message>
            <source>Can it be sent?</source>
            <translation>Peut-il être envoyé ?</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>Brouillon</translation>
        </message>
        <message>
            <source>Complete</source>
            <translation>Complet</translation>
        </message>
        <message>
            <source>Signed</source>
            <translation>Signé</translation>
        </message>
        <message>
            <source>Exported</source>
            <translation>Exporté</translation>
        </message>
        <message>
            <source>Acknowledged</source>
            <translation>Reçu par le registre</translation>
        </message>
        <message>
            <source>No: still a draft; complete its forms to send it</source>
            <translation>Non : encore un brouillon ; complétez ses formulaires pour l’envoyer</translation>
        </message>
        <message>
            <source>No: sent before and unchanged since (a lost file is written again from “Batches…”)</source>
            <translation>Non : déjà envoyé et inchangé depuis (un fichier perdu s’écrit à nouveau depuis « Lots… »)</translation>
        </message>
        <message>
            <source>Yes, unsigned: changed since it was last sent</source>
            <translation>Oui, sans signature : modifié depuis son dernier envoi</translation>
        </message>
        <message>
            <source>Yes, unsigned: complete, not yet signed by the PI</source>
            <translation>Oui, sans signature : complet, pas encore signé par l’investigateur principal</translation>
        </message>
        <message>
            <source>Yes: signed, and changed since it was last sent</source>
            <translation>Oui : signé, et modifié depuis son dernier envoi</translation>
        </message>
        <message>
            <source>Yes: signed, never sent</source>
            <translation>Oui : signé, jamais envoyé</translation>
        </message>
        <message>
            <source>chosen</source>
            <translation>coché</translation>
        </message>
        <message>
            <source>not chosen</source>
            <translation>non coché</translation>
        </message>
        <message>
            <source>%1, %2</source>
            <translation>%1, %2</translation>
        </message>
    </context>
    <context>
        <name>CaseEditor</name>
        <message>
            <source>Saving…</source>
            <translation>Enregistrement…</translation>
        </message>
        <message>
            <source>Everything is saved</source>
            <translation>Tout est enregistré</translation>
        </message>
        <message>
            <source>This case is signed and locked: unlock it to change it.</source>
            <translation>Ce dossier est signé et verrouillé : déverrouillez-le pour le modifier.</translation>
        </message>
        <message>
            <source>Saved at %1</source>
            <translation>Enregistré à %1</translation>
        </message>
        <message>
            <source>Marking complete…</source>
            <translation>Marquage comme complet…</translation>
        </message>
        <message>
            <source>%1 marked complete at %2</source>
            <translation>%1 marqué complet à %2</translation>
        </message>
        <message>
            <source>Not marked complete: %1</source>
            <translation>Non marqué complet : %1</translation>
        </message>
        <message>
            <source>Not saved yet</source>
            <translation>Pas encore enregistré</translation>
        </message>
        <message>
            <source>The form %1 is complete. Give the reason for this change; the audit trail keeps it with the change.</source>
            <translation>Le formulaire %1 est complet. Indiquez le motif de cette modification ; la piste d’audit le conserve avec la modification.</translation>
        </message>
        <message>
            <source>Change a complete form</source>
            <translation>Modifier un formulaire complet</translation>
        </message>
        <message>
            <source>%1: a row removed</source>
            <translation>%1 : une ligne supprimée</translation>
        </message>
        <message>
            <source>and %1 more</source>
            <translation>et %1 de plus</translation>
        </message>
        <message>
            <source>%1: row %2 removed</source>
            <translation>%1 : ligne %2 supprimée</translation>
        </message>
        <message>
            <source>(empty)</source>
            <translation>(vide)</translation>
        </message>
        <message>
            <source>%1 (overridden: %2)</source>
            <translation>%1 (avertissement levé : %2)</translation>
        </message>
        <message>
            <source>Remove a row</source>
            <translation>Supprimer une ligne</translation>
        </message>
        <message>
            <source>Remove row %1 of %2? Its answers leave the form; the audit trail keeps what they were.</source>
            <translation>Supprimer la ligne %1 de %2 ? Ses réponses sont retirées du formulaire ; la piste d’audit conserve ce qu’elles étaient.</translation>
        </message>
        <message>
            <source>Remove the row</source>
            <translation>Supprimer la ligne</translation>
        </message>
        <message>
            <source>Keep it</source>
            <translation>La conserver</translation>
        </message>
        <message>
            <source>Some typing could not be saved. It is kept as a draft and offered again when the case is opened. Close the case anyway?</source>
            <translation>Une partie de la saisie n’a pas pu être enregistrée. Elle est conservée comme brouillon et vous sera proposée à nouveau à l’ouverture du dossier. Fermer le dossier quand même ?</translation>
        </message>
        <message>
            <source>Some typing could not be saved, and it could not be kept as a draft either: closing the case loses it. Close the case anyway?</source>
            <translation>Une partie de la saisie n’a pu être ni enregistrée ni gardée comme brouillon : si vous fermez le dossier, elle sera perdue. Fermer le dossier quand même ?</translation>
        </message>
        <message>
            <source>Close the case</source>
            <translation>Fermer le dossier</translation>
        </message>
        <message>
            <source>Stay</source>
            <translation>Rester</translation>
        </message>
    </context>
    <context>
        <name>CaseListWidget</name>
        <message>
            <source>Search registry ID or reason</source>
            <translation>Rechercher un identifiant registre ou un motif</translation>
        </message>
        <message>
            <source>Search cases</source>
            <translation>Rechercher des dossiers</translation>
        </message>
        <message>
            <source>Registry ID, with or without dashes, or words of the reason for registration</source>
            <translation>Identifiant registre, avec ou sans tirets, ou mots du motif d’inclusion</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>Tous les statuts</translation>
        </message>
        <message>
            <source>Complete, waiting for signature</source>
            <translation>Complet, en attente de signature</translation>
        </message>
        <message>
            <source>With open queries</source>
            <translation>Avec clarifications ouvertes</translation>
        </message>
        <message>
            <source>With answered queries to close</source>
            <translation>Avec clarifications à clôturer</translation>
        </message>
        <message>
            <source>Status filter</source>
            <translation>Filtre par statut</translation>
        </message>
        <message>
            <source>&amp;Status:</source>
            <translation>&amp;Statut :</translation>
        </message>
        <message>
            <source>Only with open &amp;errors or warnings</source>
            <translation>Seulement avec des &amp;erreurs ou avertissements en suspens</translation>
        </message>
        <message>
            <source>Only cases with open errors or warnings</source>
            <translation>Seulement les dossiers avec des erreurs ou avertissements en suspens</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>Dossiers</translation>
        </message>
        <message numerus="yes">
            <source>%1 of %Ln cases</source>
            <translation>
                <numerusform>%1 sur %Ln dossier</numerusform>
                <numerusform>%1 sur %Ln dossiers</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CaseReview</name>
        <message>
            <source>Marked verified against source</source>
            <translation>Réponse marquée vérifiée sur le document source</translation>
        </message>
        <message>
            <source>Mark removed</source>
            <translation>Marque de vérification retirée</translation>
        </message>
        <message numerus="yes">
            <source>%n answer(s) marked verified against source</source>
            <translation>
                <numerusform>%n réponse marquée vérifiée sur le document source</numerusform>
                <numerusform>%n réponses marquées vérifiées sur le document source</numerusform>
            </translation>
        </message>
        <message>
            <source>Query raised</source>
            <translation>Demande de clarification émise</translation>
        </message>
        <message>
            <source>Query answered</source>
            <translation>Réponse à la demande de clarification enregistrée</translation>
        </message>
        <message>
            <source>Query closed</source>
            <translation>Demande de clarification clôturée</translation>
        </message>
        <message>
            <source>Query cancelled</source>
            <translation>Demande de clarification annulée</translation>
        </message>
        <message>
            <source>Case unlocked</source>
            <translation>Dossier déverrouillé</translation>
        </message>
    </context>
    <context>
        <name>CaseTableModel</name>
        <message>
            <source>Registry ID</source>
            <translation>Identifiant registre</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Queries</source>
            <translation>Clarifications</translation>
        </message>
        <message>
            <source>Reason for registration</source>
            <translation>Motif d’inclusion</translation>
        </message>
        <message>
            <source>Last change</source>
            <translation>Dernière modification</translation>
        </message>
        <message>
            <source>Forms complete</source>
            <translation>Formulaires complets</translation>
        </message>
        <message>
            <source>Open warnings</source>
            <translation>Avertissements en suspens</translation>
        </message>
        <message>
            <source>Open errors</source>
            <translation>Erreurs en suspens</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>Brouillon</translation>
        </message>
        <message>
            <source>Complete</source>
            <translation>Complet</translation>
        </message>
        <message>
            <source>Signed</source>
            <translation>Signé</translation>
        </message>
        <message>
            <source>Exported</source>
            <translation>Exporté</translation>
        </message>
        <message>
            <source>Acknowledged</source>
            <translation>Reçu par le registre</translation>
        </message>
        <message>
            <source>Draft: data entry is under way</source>
            <translation>Brouillon : saisie en cours</translation>
        </message>
        <message>
            <source>Complete: every form is complete; waiting for the PI's signature</source>
            <translation>Complet : tous les formulaires sont complets ; en attente de la signature de l’investigateur principal</translation>
        </message>
        <message>
            <source>Signed by the PI: ready for export</source>
            <translation>Signé par l’investigateur principal : prêt pour l’export</translation>
        </message>
        <message>
            <source>Exported in a batch; not yet acknowledged by the registry</source>
            <translation>Exporté dans un lot ; réception pas encore confirmée par le registre</translation>
        </message>
        <message>
            <source>Acknowledged: the registry has received this case</source>
            <translation>Reçu : le registre a bien reçu ce dossier</translation>
        </message>
        <message>
            <source>Locked by the PI's signature: a change needs the PI to unlock the case with a reason, which drops the signature (Case → Signatures… says who signed and when).</source>
            <translation>Verrouillé par la signature de l’investigateur principal : pour le modifier, l’investigateur principal doit déverrouiller le dossier en indiquant un motif, ce qui retire la signature (Dossier → Signatures… indique qui a signé et quand).</translation>
        </message>
        <message>
            <source>No reason for registration entered yet</source>
            <translation>Aucun motif d’inclusion saisi pour l’instant</translation>
        </message>
        <message>
            <source>Last changed %1 (local time); %2 UTC</source>
            <translation>Dernière modification le %1 (heure locale) ; %2 UTC</translation>
        </message>
        <message>
            <source>Warnings not yet resolved or overridden: %1</source>
            <translation>Avertissements ni résolus ni levés : %1</translation>
        </message>
        <message>
            <source>Errors that block completion: %1</source>
            <translation>Erreurs qui empêchent de compléter : %1</translation>
        </message>
        <message>
            <source>%1, locked</source>
            <translation>%1, verrouillé</translation>
        </message>
        <message>
            <source>No reason entered</source>
            <translation>Aucun motif saisi</translation>
        </message>
        <message>
            <source>%1 of %2 forms complete (%3 %)</source>
            <translation>Formulaires complets : %1 sur %2 (%3 %)</translation>
        </message>
        <message numerus="yes">
            <source>%n open</source>
            <translation>
                <numerusform>%n ouverte</numerusform>
                <numerusform>%n ouvertes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answered</source>
            <translation>
                <numerusform>%n avec réponse</numerusform>
                <numerusform>%n avec réponse</numerusform>
            </translation>
        </message>
        <message>
            <source>No query waiting</source>
            <translation>Aucune demande de clarification en attente</translation>
        </message>
        <message numerus="yes">
            <source>%n query(ies) waiting for an answer</source>
            <translation>
                <numerusform>%n demande de clarification en attente de réponse</numerusform>
                <numerusform>%n demandes de clarification en attente de réponse</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answered query(ies) waiting to be closed by whoever raised them</source>
            <translation>
                <numerusform>%n demande de clarification avec réponse, à clôturer par la personne qui l’a émise</numerusform>
                <numerusform>%n demandes de clarification avec réponse, à clôturer par les personnes qui les ont émises</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CasesPage</name>
        <message>
            <source>Choose the cases to send</source>
            <translation>Choisissez les dossiers à envoyer</translation>
        </message>
        <message>
            <source>Tick the cases that go in the next batch; Space ticks the case under the cursor.</source>
            <translation>Cochez les dossiers qui partent dans le prochain lot ; la touche Espace coche le dossier sous le curseur.</translation>
        </message>
        <message>
            <source>Reading the cases…</source>
            <translation>Lecture des dossiers…</translation>
        </message>
        <message>
            <source>Filter the cases</source>
            <translation>Filtrer les dossiers</translation>
        </message>
        <message>
            <source>Registry ID or status</source>
            <translation>Identifiant registre ou statut</translation>
        </message>
        <message>
            <source>&amp;Filter:</source>
            <translation>&amp;Filtre :</translation>
        </message>
        <message>
            <source>Cases to send</source>
            <translation>Dossiers à envoyer</translation>
        </message>
        <message>
            <source>Select &amp;eligible</source>
            <translation>Cocher les é&amp;ligibles</translation>
        </message>
        <message>
            <source>Tick the signed cases changed since they were last sent, and only them</source>
            <translation>Cocher les dossiers signés modifiés depuis leur dernier envoi, et seulement eux</translation>
        </message>
        <message>
            <source>Select n&amp;one</source>
            <translation>Tout &amp;décocher</translation>
        </message>
        <message>
            <source>This workspace has no case yet: there is nothing to send.</source>
            <translation>Cet espace de travail ne contient encore aucun dossier : il n’y a rien à envoyer.</translation>
        </message>
        <message>
            <source>No case is complete yet: a case can be sent once all its forms are complete.</source>
            <translation>Aucun dossier n’est encore complet : un dossier peut être envoyé une fois tous ses formulaires complets.</translation>
        </message>
        <message>
            <source>Every complete case was sent and is unchanged since: there is nothing new to send.</source>
            <translation>Tous les dossiers complets ont été envoyés et n’ont pas changé depuis : il n’y a rien de nouveau à envoyer.</translation>
        </message>
        <message>
            <source>No case is signed yet: choose complete cases to send them unsigned.</source>
            <translation>Aucun dossier n’est encore signé : cochez des dossiers complets pour les envoyer sans signature.</translation>
        </message>
        <message>
            <source>No signed case changed since it was last sent: choose complete cases to send them unsigned.</source>
            <translation>Aucun dossier signé n’a changé depuis son dernier envoi : cochez des dossiers complets pour les envoyer sans signature.</translation>
        </message>
        <message numerus="yes">
            <source>The %n signed case(s) changed since they were last sent are chosen.</source>
            <translation>
                <numerusform>%n dossier signé modifié depuis son dernier envoi est coché.</numerusform>
                <numerusform>Les %n dossiers signés modifiés depuis leur dernier envoi sont cochés.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) are listed without a tick box: the last column says why.</source>
            <translation>
                <numerusform>%n dossier est affiché sans case à cocher : la dernière colonne dit pourquoi.</numerusform>
                <numerusform>%n dossiers sont affichés sans case à cocher : la dernière colonne dit pourquoi.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) chosen</source>
            <translation>
                <numerusform>%n dossier coché</numerusform>
                <numerusform>%n dossiers cochés</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CentralQueriesModel</name>
        <message>
            <source>Centre</source>
            <translation>Centre</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>Dossier</translation>
        </message>
        <message>
            <source>Answer queried</source>
            <translation>Champ concerné</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Question</source>
            <translation>Question</translation>
        </message>
        <message>
            <source>Raised</source>
            <translation>Émise</translation>
        </message>
        <message>
            <source>Site's answer</source>
            <translation>Réponse du site</translation>
        </message>
        <message>
            <source>%1 › %2</source>
            <translation>%1 › %2</translation>
        </message>
        <message>
            <source>%1 › %2, row %3 › %4</source>
            <translation>%1 › %2, ligne %3 › %4</translation>
        </message>
        <message>
            <source>%1 (registry), %2</source>
            <translation>%1 (registre), %2</translation>
        </message>
        <message>
            <source>%1 (site), %2</source>
            <translation>%1 (site), %2</translation>
        </message>
        <message>
            <source>Query %1 on case %2 of %3, %4 (%5)</source>
            <translation>Demande de clarification %1 sur le dossier %2 de %3, %4 (%5)</translation>
        </message>
        <message>
            <source>Raised by %1 on %2: %3</source>
            <translation>Émise par %1 le %2 : %3</translation>
        </message>
        <message>
            <source>Answered by %1 on %2: %3</source>
            <translation>Réponse de %1 le %2 : %3</translation>
        </message>
        <message>
            <source>%1 (registry)</source>
            <translation>%1 (registre)</translation>
        </message>
        <message>
            <source>%1 (site %2)</source>
            <translation>%1 (site %2)</translation>
        </message>
    </context>
    <context>
        <name>CentresPlot</name>
        <message>
            <source>Patients per centre</source>
            <translation>Patients par centre</translation>
        </message>
        <message>
            <source>No centre is registered yet.</source>
            <translation>Aucun centre n’est encore enregistré.</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>Patients</source>
            <translation>Patients</translation>
        </message>
        <message>
            <source>Patients per centre, %1 in all: %2.</source>
            <translation>Patients par centre, %1 au total : %2.</translation>
        </message>
    </context>
    <context>
        <name>CentresTableModel</name>
        <message>
            <source>Centre</source>
            <translation>Centre</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Last batch</source>
            <translation>Dernier lot</translation>
        </message>
        <message>
            <source>Last import</source>
            <translation>Dernier import</translation>
        </message>
        <message>
            <source>Days since last batch</source>
            <translation>Jours depuis le dernier lot</translation>
        </message>
        <message>
            <source>Missing batches</source>
            <translation>Lots manquants</translation>
        </message>
        <message>
            <source>Refused forks</source>
            <translation>Lots divergents refusés</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>Dossiers</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>Conflits</translation>
        </message>
        <message>
            <source>Key fingerprint</source>
            <translation>Empreinte de la clé</translation>
        </message>
        <message>
            <source>none</source>
            <translation>aucun</translation>
        </message>
        <message>
            <source>MISSING: %1</source>
            <translation>MANQUANTS : %1</translation>
        </message>
        <message>
            <source>never</source>
            <translation>jamais</translation>
        </message>
        <message>
            <source>revoked</source>
            <translation>clé révoquée</translation>
        </message>
        <message>
            <source>Batches %1 of %2 have not arrived, though a later one was offered. Ask the centre to send them again from its workspace, then import them in order.</source>
            <translation>Les lots %1 de %2 ne sont pas arrivés, alors qu’un lot plus récent a été présenté. Demandez au centre de les renvoyer depuis son espace de travail, puis importez-les dans l’ordre.</translation>
        </message>
        <message>
            <source>Batches refused as a second version of a number, an older state or a broken chain: call the centre, its workspace may have been restored from a backup.</source>
            <translation>Lots refusés parce qu’ils étaient une seconde version d’un même numéro, un état plus ancien ou une chaîne rompue : appelez le centre, son espace de travail a peut-être été restauré à partir d’une sauvegarde.</translation>
        </message>
        <message>
            <source>Case changes made from another state than the registry holds: kept, not applied; resolve them with the centre.</source>
            <translation>Modifications de dossiers faites à partir d’un autre état que celui détenu par le registre : conservées, non appliquées ; réglez-les avec le centre.</translation>
        </message>
    </context>
    <context>
        <name>CentresView</name>
        <message>
            <source>&lt;b&gt;Centres&lt;/b&gt;</source>
            <translation>&lt;b&gt;Centres&lt;/b&gt;</translation>
        </message>
        <message>
            <source>No centre is registered yet. Choose “Register centre…” with the public key file a site sent you, and compare its fingerprint with the site by phone.</source>
            <translation>Aucun centre n’est encore enregistré. Choisissez « Enregistrer un centre… » avec le fichier de clé publique qu’un site vous a envoyé, et comparez son empreinte avec le site par téléphone.</translation>
        </message>
        <message>
            <source>Centres and the state of their batches</source>
            <translation>Les centres et l’état de leurs lots</translation>
        </message>
    </context>
    <context>
        <name>ChangesTableModel</name>
        <message>
            <source>When</source>
            <translation>Quand</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>Qui</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>Réponse</translation>
        </message>
        <message>
            <source>Old → new</source>
            <translation>Avant → après</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Motif</translation>
        </message>
        <message>
            <source>user name: %1</source>
            <translation>nom d’utilisateur : %1</translation>
        </message>
        <message>
            <source>%1 (the form)</source>
            <translation>%1 (le formulaire)</translation>
        </message>
        <message>
            <source>marked %1</source>
            <translation>marqué %1</translation>
        </message>
        <message>
            <source>no longer marked %1</source>
            <translation>n’est plus marqué %1</translation>
        </message>
        <message>
            <source>warning overridden: %1</source>
            <translation>avertissement levé : %1</translation>
        </message>
        <message>
            <source>override withdrawn (was: %1)</source>
            <translation>levée retirée (motif : %1)</translation>
        </message>
        <message>
            <source>form marked complete</source>
            <translation>formulaire marqué complet</translation>
        </message>
        <message>
            <source>form no longer complete</source>
            <translation>formulaire de nouveau incomplet</translation>
        </message>
        <message>
            <source>entered: %1</source>
            <translation>saisi : %1</translation>
        </message>
        <message>
            <source>removed: %1</source>
            <translation>supprimé : %1</translation>
        </message>
        <message>
            <source>%1 → %2</source>
            <translation>%1 → %2</translation>
        </message>
    </context>
    <context>
        <name>CodeCombo</name>
        <message>
            <source>— choose —</source>
            <translation>— choisir —</translation>
        </message>
        <message>
            <source>%1 (not in the list)</source>
            <translation>%1 (absent de la liste)</translation>
        </message>
    </context>
    <context>
        <name>ConflictsDialog</name>
        <message>
            <source>Conflicting case versions</source>
            <translation>Versions de dossier en conflit</translation>
        </message>
        <message>
            <source>&amp;Take the centre's version…</source>
            <translation>&amp;Retenir la version du centre…</translation>
        </message>
        <message>
            <source>A centre sent a version of a case that was not made from the version the registry holds (for example after its workspace was put back from an old copy). The registry kept it and did not apply it. Speak with the centre; if its version is the right one, take it, otherwise keep the registry's. Every version stays in the case's history.</source>
            <translation>Un centre a envoyé une version d’un dossier qui n’a pas été faite à partir de la version que détient le registre (par exemple après que son espace de travail a été remis à partir d’une ancienne copie). Le registre l’a conservée sans l’appliquer. Parlez-en avec le centre ; si sa version est la bonne, retenez-la, sinon gardez celle du registre. Toutes les versions restent dans l’historique du dossier.</translation>
        </message>
        <message>
            <source>&amp;Keep the registry's version…</source>
            <translation>&amp;Garder la version du registre…</translation>
        </message>
        <message numerus="yes">
            <source>%n conflicting versions wait.</source>
            <translation>
                <numerusform>%n version en conflit attend.</numerusform>
                <numerusform>%n versions en conflit attendent.</numerusform>
            </translation>
        </message>
        <message>
            <source>No conflicts wait: every case holds the version its centre sent last.</source>
            <translation>Aucun conflit en attente : chaque dossier détient la dernière version envoyée par son centre.</translation>
        </message>
        <message>
            <source>Take the centre's version</source>
            <translation>Retenir la version du centre</translation>
        </message>
        <message>
            <source>The registry will hold revision %1 of %2 as centre %3 sent it, instead of %4. Why? (For example: what the centre said on the phone.)</source>
            <translation>Le registre détiendra la révision %1 de %2 telle que le centre %3 l’a envoyée, au lieu de : %4. Pourquoi ? (Par exemple : ce que le centre a dit au téléphone.)</translation>
        </message>
        <message>
            <source>The centre confirmed its version by phone</source>
            <translation>Le centre a confirmé sa version par téléphone</translation>
        </message>
        <message>
            <source>Keep the registry's version</source>
            <translation>Garder la version du registre</translation>
        </message>
        <message>
            <source>The registry will go on holding %4 of %2, and revision %1 from centre %3 stays in the case's history without being applied. Why?</source>
            <translation>Le registre continuera de détenir : %4 de %2, et la révision %1 du centre %3 reste dans l’historique du dossier sans être appliquée. Pourquoi ?</translation>
        </message>
        <message>
            <source>The centre's version came from an old copy of its workspace</source>
            <translation>La version du centre provenait d’une ancienne copie de son espace de travail</translation>
        </message>
    </context>
    <context>
        <name>ConflictsModel</name>
        <message>
            <source>Case</source>
            <translation>Dossier</translation>
        </message>
        <message>
            <source>Centre's version</source>
            <translation>Version du centre</translation>
        </message>
        <message>
            <source>Made from</source>
            <translation>Faite à partir de</translation>
        </message>
        <message>
            <source>Registry holds</source>
            <translation>Le registre détient</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>Lot</translation>
        </message>
        <message>
            <source>Imported</source>
            <translation>Importé le</translation>
        </message>
        <message>
            <source>no earlier revision</source>
            <translation>aucune révision antérieure</translation>
        </message>
        <message>
            <source>%1, batch %2</source>
            <translation>%1, lot %2</translation>
        </message>
        <message>
            <source>nothing</source>
            <translation>rien</translation>
        </message>
        <message>
            <source>revision %1</source>
            <translation>révision %1</translation>
        </message>
    </context>
    <context>
        <name>CrashNoticeDialog</name>
        <message>
            <source>cmlentry did not close properly</source>
            <translation>cmlentry ne s’est pas fermé correctement</translation>
        </message>
        <message>
            <source>Forms saved before cmlentry stopped</source>
            <translation>Formulaires enregistrés avant l’arrêt de cmlentry</translation>
        </message>
        <message>
            <source>&amp;Continue</source>
            <translation>&amp;Continuer</translation>
        </message>
        <message>
            <source>cmlentry did not close properly at about %1 (its last sign of life). Nothing you saved is lost.</source>
            <translation>cmlentry ne s’est pas fermé correctement vers %1 (son dernier signe de vie). Rien de ce que vous aviez enregistré n’est perdu.</translation>
        </message>
        <message>
            <source>These forms were saved in that session and are kept:</source>
            <translation>Ces formulaires ont été enregistrés pendant cette session et sont conservés :</translation>
        </message>
        <message>
            <source>No form was saved in that session.</source>
            <translation>Aucun formulaire n’a été enregistré pendant cette session.</translation>
        </message>
        <message>
            <source>Unsaved typing was recovered for the forms below. Open one to check it and save it; typing you do not open now stays kept.</source>
            <translation>Une saisie non enregistrée a été récupérée pour les formulaires ci-dessous. Ouvrez-en un pour la vérifier et l’enregistrer ; la saisie que vous n’ouvrez pas maintenant reste conservée.</translation>
        </message>
        <message>
            <source>Typing that cannot be restored; enter it again (saved answers are unchanged):</source>
            <translation>Saisie impossible à restaurer ; saisissez-la à nouveau (les réponses enregistrées sont inchangées) :</translation>
        </message>
        <message>
            <source>%1, %2: %3</source>
            <translation>%1, %2 : %3</translation>
        </message>
        <message>
            <source>%1 — %2, typed until %3</source>
            <translation>%1 — %2, saisi jusqu’à %3</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Open %1 of %2</source>
            <translation>Ouvrir %1 de %2</translation>
        </message>
    </context>
    <context>
        <name>CreatePage</name>
        <message>
            <source>Make the workspace</source>
            <translation>Créer l’espace de travail</translation>
        </message>
        <message>
            <source>Check the details; Back changes them. Nothing exists yet.</source>
            <translation>Vérifiez les informations ; « Précédent » permet de les modifier. Rien n’est encore créé.</translation>
        </message>
        <message>
            <source>&amp;Create the workspace</source>
            <translation>&amp;Créer l’espace de travail</translation>
        </message>
        <message>
            <source>Folder: {folder}</source>
            <translation>Dossier : {folder}</translation>
        </message>
        <message>
            <source>Site: {country}-{code}, {name}</source>
            <translation>Site : {country}-{code}, {name}</translation>
        </message>
        <message>
            <source>First administrator: {name} ({user})</source>
            <translation>Premier administrateur : {name} ({user})</translation>
        </message>
        <message>
            <source>Registry key: {owner}, fingerprint {fingerprint}</source>
            <translation>Clé du registre : {owner}, empreinte {fingerprint}</translation>
        </message>
        <message>
            <source>Registry key: to be added later</source>
            <translation>Clé du registre : à ajouter plus tard</translation>
        </message>
        <message>
            <source>The site's own signing key is made with the workspace.</source>
            <translation>La clé de signature propre au site est créée avec l’espace de travail.</translation>
        </message>
        <message>
            <source>Creating the workspace</source>
            <translation>Création de l’espace de travail</translation>
        </message>
        <message>
            <source>{sentence} Go back to change what is needed.</source>
            <translation>{sentence} Revenez en arrière pour modifier ce qui doit l’être.</translation>
        </message>
    </context>
    <context>
        <name>DerivedField</name>
        <message>
            <source>calculated</source>
            <translation>calculé</translation>
        </message>
    </context>
    <context>
        <name>DerivedInputsText</name>
        <message numerus="yes">
            <source>%1 (%n row(s))</source>
            <translation>
                <numerusform>%1 (%n ligne)</numerusform>
                <numerusform>%1 (%n lignes)</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 not entered</source>
            <translation>%1 : non renseigné</translation>
        </message>
        <message>
            <source>from: %1</source>
            <translation>à partir de : %1</translation>
        </message>
    </context>
    <context>
        <name>DonePage</name>
        <message>
            <source>The workspace is ready</source>
            <translation>L’espace de travail est prêt</translation>
        </message>
        <message>
            <source>Give this fingerprint of your site's key to the registry coordinator, by phone, when you send them the site's public key file (an administrator writes it with 'cmlentry keys export-site --to FILE'). They register your site with it.</source>
            <translation>Donnez cette empreinte de la clé de votre site au coordinateur du registre, par téléphone, quand vous lui envoyez le fichier de clé publique du site (un administrateur l’écrit avec « cmlentry keys export-site --to FICHIER »). Il enregistre votre site avec elle.</translation>
        </message>
        <message>
            <source>Next: add the users (research nurses, the principal investigator) with the command 'cmlentry user add NAME --name "Printed Name" --role nurse'. Each gets a first password, which they change at their first sign-in.</source>
            <translation>Ensuite : ajoutez les utilisateurs (infirmières de recherche, investigateur principal) avec la commande « cmlentry user add NOM --name "Nom en toutes lettres" --role nurse ». Chacun reçoit un premier mot de passe, qu’il change à sa première connexion.</translation>
        </message>
        <message>
            <source>Add the registry's key with 'cmlentry keys trust-registry FILE' before the first export.</source>
            <translation>Ajoutez la clé du registre avec « cmlentry keys trust-registry FICHIER » avant le premier export.</translation>
        </message>
        <message>
            <source>Fingerprint of the site's key</source>
            <translation>Empreinte de la clé du site</translation>
        </message>
        <message>
            <source>Make a first backup once the users are added.</source>
            <translation>Faites une première sauvegarde une fois les utilisateurs ajoutés.</translation>
        </message>
    </context>
    <context>
        <name>DraftRecovery</name>
        <message>
            <source>Unsaved typing from %1 was recovered (%2) — check it and save (Ctrl+S) or discard.</source>
            <translation>Une saisie non enregistrée datant de %1 a été récupérée (%2) — vérifiez-la puis enregistrez (Ctrl+S) ou abandonnez-la.</translation>
        </message>
        <message>
            <source>The unsaved typing of %1 from %2 cannot be restored (%3).</source>
            <translation>La saisie non enregistrée de %1 datant de %2 ne peut pas être restaurée (%3).</translation>
        </message>
        <message>
            <source>Unsaved typing in %1 from %2 was not restored: this form was saved again after it, at %3.</source>
            <translation>La saisie non enregistrée de %1 datant de %2 n’a pas été restaurée : ce formulaire a été enregistré de nouveau après, à %3.</translation>
        </message>
        <message>
            <source>&amp;Discard</source>
            <translation>&amp;Abandonner</translation>
        </message>
    </context>
    <context>
        <name>DropZone</name>
        <message>
            <source>Drop zone for batch files</source>
            <translation>Zone de dépôt des fichiers de lot</translation>
        </message>
        <message>
            <source>Drop batch files (.cmlbatch) here — several at once if you like</source>
            <translation>Déposez ici les fichiers de lot (.cmlbatch) — plusieurs à la fois si vous le souhaitez</translation>
        </message>
    </context>
    <context>
        <name>EditorHeader</name>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Enregistrer</translation>
        </message>
        <message>
            <source>Save now (Ctrl+S); leaving a field saves too</source>
            <translation>Enregistrer maintenant (Ctrl+S) ; chaque champ est aussi enregistré dès que vous le quittez</translation>
        </message>
        <message>
            <source>&amp;Mark form complete</source>
            <translation>&amp;Marquer le formulaire complet</translation>
        </message>
        <message>
            <source>Save and go back to the list of cases</source>
            <translation>Enregistrer et revenir à la liste des dossiers</translation>
        </message>
        <message>
            <source>&amp;Queries</source>
            <translation>&amp;Clarifications</translation>
        </message>
        <message>
            <source>Show or hide the queries of this case</source>
            <translation>Afficher ou masquer les demandes de clarification de ce dossier</translation>
        </message>
        <message>
            <source>Cl&amp;ose</source>
            <translation>Fe&amp;rmer</translation>
        </message>
        <message>
            <source>Ver&amp;ify form…</source>
            <translation>&amp;Vérifier le formulaire…</translation>
        </message>
        <message>
            <source>Mark every saved answer of this form verified against source</source>
            <translation>Marquer toutes les réponses enregistrées de ce formulaire comme vérifiées sur le document source</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>Brouillon</translation>
        </message>
        <message>
            <source>Complete</source>
            <translation>Complet</translation>
        </message>
        <message>
            <source>Signed</source>
            <translation>Signé</translation>
        </message>
        <message>
            <source>Exported</source>
            <translation>Exporté</translation>
        </message>
        <message>
            <source>Acknowledged</source>
            <translation>Reçu par le registre</translation>
        </message>
        <message>
            <source>Case %1</source>
            <translation>Dossier %1</translation>
        </message>
        <message>
            <source>Forms complete: %1 of %2</source>
            <translation>Formulaires complets : %1 sur %2</translation>
        </message>
        <message>
            <source>&amp;Queries (%1)</source>
            <translation>&amp;Clarifications (%1)</translation>
        </message>
        <message>
            <source>This form is complete.</source>
            <translation>Ce formulaire est complet.</translation>
        </message>
        <message>
            <source>Mark this form complete: every check passes.</source>
            <translation>Marquer ce formulaire complet : tous les contrôles sont satisfaits.</translation>
        </message>
        <message numerus="yes">
            <source>%n error(s) to resolve first</source>
            <translation>
                <numerusform>%n erreur à résoudre d’abord</numerusform>
                <numerusform>%n erreurs à résoudre d’abord</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s) to resolve first</source>
            <translation>
                <numerusform>%n avertissement à résoudre d’abord</numerusform>
                <numerusform>%n avertissements à résoudre d’abord</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 and %2 to resolve first</source>
            <translation>%1 et %2 à résoudre d’abord</translation>
        </message>
        <message numerus="yes">
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n erreur</numerusform>
                <numerusform>%n erreurs</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n avertissement</numerusform>
                <numerusform>%n avertissements</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>EditorReview</name>
        <message>
            <source>Only the principal investigator marks answers verified against source.</source>
            <translation>Seul l’investigateur principal marque les réponses comme vérifiées sur le document source.</translation>
        </message>
        <message>
            <source>Only a saved answer can be verified against source: save it first.</source>
            <translation>Seule une réponse enregistrée peut être vérifiée sur le document source : enregistrez-la d’abord.</translation>
        </message>
        <message>
            <source>row removed</source>
            <translation>ligne supprimée</translation>
        </message>
        <message>
            <source>Signed by %1 on %2 — locked. To change it, the principal investigator unlocks it with a reason.</source>
            <translation>Signé par %1 le %2 — verrouillé. Pour le modifier, l’investigateur principal le déverrouille en indiquant un motif.</translation>
        </message>
        <message>
            <source>&amp;Unlock…</source>
            <translation>Déverr&amp;ouiller…</translation>
        </message>
        <message>
            <source>The row of this answer was removed.</source>
            <translation>La ligne de cette réponse a été supprimée.</translation>
        </message>
        <message>
            <source>Every saved answer of %1 is already verified.</source>
            <translation>Toutes les réponses enregistrées de %1 sont déjà vérifiées.</translation>
        </message>
        <message>
            <source>&amp;Verified against source</source>
            <translation>&amp;Vérifiée sur le document source</translation>
        </message>
        <message>
            <source>&amp;Raise query…</source>
            <translation>&amp;Demander une clarification…</translation>
        </message>
        <message>
            <source>Show &amp;queries (%1)</source>
            <translation>Afficher les &amp;clarifications (%1)</translation>
        </message>
    </context>
    <context>
        <name>EndpointsPage</name>
        <message>
            <source>Responses and toxicity</source>
            <translation>Réponses et toxicité</translation>
        </message>
        <message>
            <source>Complete haematologic response</source>
            <translation>Réponse hématologique complète (RHC)</translation>
        </message>
        <message>
            <source>Cytogenetic response at 12 months</source>
            <translation>Réponse cytogénétique à 12 mois</translation>
        </message>
        <message>
            <source>Grade III–IV cytopenias (CTCAE)</source>
            <translation>Cytopénies de grade III–IV (CTCAE)</translation>
        </message>
        <message>
            <source>Interruptions for toxicity</source>
            <translation>Interruptions pour toxicité</translation>
        </message>
        <message>
            <source>Patients</source>
            <translation>Patients</translation>
        </message>
        <message>
            <source>Of</source>
            <translation>Sur</translation>
        </message>
        <message>
            <source>%</source>
            <translation>%</translation>
        </message>
        <message>
            <source>CHR at any time on imatinib</source>
            <translation>RHC à un moment quelconque sous imatinib</translation>
        </message>
        <message>
            <source>CHR</source>
            <translation>RHC</translation>
        </message>
        <message>
            <source>Of the patients with a category 11 to 13.5 months after the start of imatinib.</source>
            <translation>Parmi les patients ayant une catégorie de réponse cytogénétique entre 11 et 13,5 mois après le début de l’imatinib.</translation>
        </message>
        <message>
            <source>Cytogenetics</source>
            <translation>Cytogénétique</translation>
        </message>
        <message>
            <source>Of all the patients: the registry's toxicity form is the only source.</source>
            <translation>Sur l’ensemble des patients : le formulaire de toxicité du registre est la seule source.</translation>
        </message>
        <message>
            <source>Patients interrupted</source>
            <translation>Patients avec interruption</translation>
        </message>
        <message>
            <source>Median weeks</source>
            <translation>Médiane (semaines)</translation>
        </message>
        <message>
            <source>Min</source>
            <translation>Min</translation>
        </message>
        <message>
            <source>Max</source>
            <translation>Max</translation>
        </message>
        <message>
            <source>Interruptions</source>
            <translation>Interruptions</translation>
        </message>
    </context>
    <context>
        <name>ErrorDialog</name>
        <message>
            <source>cmlentry: unexpected problem</source>
            <translation>cmlentry : problème inattendu</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Détails</translation>
        </message>
        <message>
            <source>Show the technical details</source>
            <translation>Afficher les détails techniques</translation>
        </message>
        <message>
            <source>Technical details</source>
            <translation>Détails techniques</translation>
        </message>
        <message>
            <source>The log file is %1.</source>
            <translation>Le fichier journal est %1.</translation>
        </message>
        <message>
            <source>No log file could be written on this computer.</source>
            <translation>Aucun fichier journal n’a pu être écrit sur cet ordinateur.</translation>
        </message>
        <message>
            <source>Copy details</source>
            <translation>Copier les détails</translation>
        </message>
    </context>
    <context>
        <name>ExportOptionsDialog</name>
        <message>
            <source>Export CSV files</source>
            <translation>Exporter en fichiers CSV</translation>
        </message>
        <message>
            <source>Export to Excel</source>
            <translation>Exporter vers Excel</translation>
        </message>
        <message>
            <source>Answers written as</source>
            <translation>Réponses écrites sous forme de</translation>
        </message>
        <message>
            <source>&amp;Codes (M, F, UNK): for R, Stata, SAS</source>
            <translation>&amp;Codes (M, F, UNK) : pour R, Stata, SAS</translation>
        </message>
        <message>
            <source>&amp;Labels (male, female, unknown): to read</source>
            <translation>&amp;Libellés (male, female, unknown) : pour la lecture</translation>
        </message>
        <message>
            <source>Separator</source>
            <translation>Séparateur</translation>
        </message>
        <message>
            <source>C&amp;omma</source>
            <translation>&amp;Virgule</translation>
        </message>
        <message>
            <source>&amp;Semicolon (Excel with a European number format)</source>
            <translation>&amp;Point-virgule (Excel avec un format de nombres européen)</translation>
        </message>
        <message>
            <source>Start each file with a &amp;byte-order mark (Excel on Windows reads accents)</source>
            <translation>Commencer chaque fichier par une &amp;marque d’ordre des octets (BOM) (Excel sous Windows lit alors les accents)</translation>
        </message>
        <message>
            <source>Choose a &amp;folder…</source>
            <translation>Choisir un &amp;dossier…</translation>
        </message>
        <message>
            <source>Choose a &amp;file…</source>
            <translation>Choisir un &amp;fichier…</translation>
        </message>
    </context>
    <context>
        <name>ExportWizard</name>
        <message>
            <source>Export a batch for the registry</source>
            <translation>Exporter un lot pour le registre</translation>
        </message>
        <message>
            <source>Reading the cases</source>
            <translation>Lecture des dossiers</translation>
        </message>
    </context>
    <context>
        <name>FieldActions</name>
        <message>
            <source>This case is signed and locked: it must be unlocked before a change.</source>
            <translation>Ce dossier est signé et verrouillé : il doit être déverrouillé avant toute modification.</translation>
        </message>
        <message>
            <source>This row is not saved yet, so it has no history.</source>
            <translation>Cette ligne n’est pas encore enregistrée : elle n’a donc pas d’historique.</translation>
        </message>
    </context>
    <context>
        <name>FieldWidget</name>
        <message>
            <source>%1: missing-data code</source>
            <translation>%1 : code de donnée manquante</translation>
        </message>
        <message>
            <source>Why there is no value</source>
            <translation>Pourquoi il n’y a pas de valeur</translation>
        </message>
        <message>
            <source>History of this answer (Ctrl+H)</source>
            <translation>Historique de cette réponse (Ctrl+H)</translation>
        </message>
        <message>
            <source>History of %1</source>
            <translation>Historique de %1</translation>
        </message>
        <message>
            <source>&amp;History… (Ctrl+H)</source>
            <translation>&amp;Historique… (Ctrl+H)</translation>
        </message>
    </context>
    <context>
        <name>FolderPage</name>
        <message>
            <source>Where to write the batch</source>
            <translation>Où écrire le lot</translation>
        </message>
        <message>
            <source>&amp;Make the batch</source>
            <translation>&amp;Créer le lot</translation>
        </message>
        <message>
            <source>Folder for the batch file</source>
            <translation>Dossier du fichier de lot</translation>
        </message>
        <message>
            <source>F&amp;older:</source>
            <translation>&amp;Dossier :</translation>
        </message>
        <message>
            <source>C&amp;hoose…</source>
            <translation>C&amp;hoisir…</translation>
        </message>
        <message>
            <source>The file is signed with your site's key and encrypted, so only the registry (and this workspace) can read it: it may be sent by e-mail or copied to a USB stick. It holds no patient's name, birth date or hospital number.</source>
            <translation>Le fichier est signé avec la clé de votre site et chiffré : seuls le registre (et cet espace de travail) peuvent le lire. Il peut donc être envoyé par courriel ou copié sur une clé USB. Il ne contient ni le nom, ni la date de naissance, ni le numéro hospitalier d’aucun patient.</translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) go in the next batch.</source>
            <translation>
                <numerusform>%n dossier part dans le prochain lot.</numerusform>
                <numerusform>%n dossiers partent dans le prochain lot.</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose the folder to write its file to.</source>
            <translation>Choisissez le dossier où écrire son fichier.</translation>
        </message>
        <message>
            <source>Making the batch</source>
            <translation>Création du lot</translation>
        </message>
        <message>
            <source>Cancelled: no batch was made.</source>
            <translation>Annulé : aucun lot n’a été créé.</translation>
        </message>
        <message>
            <source>There is no folder here: choose one with “Choose…”.</source>
            <translation>Ce dossier n’existe pas : choisissez-en un avec « Choisir… ».</translation>
        </message>
    </context>
    <context>
        <name>FormListModel</name>
        <message>
            <source>unsaved typing</source>
            <translation>saisie non enregistrée</translation>
        </message>
        <message numerus="yes">
            <source>%n error(s)</source>
            <translation>
                <numerusform>%n erreur</numerusform>
                <numerusform>%n erreurs</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s)</source>
            <translation>
                <numerusform>%n avertissement</numerusform>
                <numerusform>%n avertissements</numerusform>
            </translation>
        </message>
        <message>
            <source>complete</source>
            <translation>complet</translation>
        </message>
        <message>
            <source>ready to mark complete</source>
            <translation>prêt à être marqué complet</translation>
        </message>
    </context>
    <context>
        <name>FormNavigation</name>
        <message>
            <source>Forms of the case</source>
            <translation>Formulaires du dossier</translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message>
            <source>History of %1</source>
            <translation>Historique de %1</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) of %1, newest first. Times are local time.</source>
            <translation>
                <numerusform>%n modification de %1, la plus récente en premier. Heures locales.</numerusform>
                <numerusform>%n modifications de %1, la plus récente en premier. Heures locales.</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing has been saved for %1 yet, so it has no history.</source>
            <translation>Rien n’a encore été enregistré pour %1 : il n’y a donc pas d’historique.</translation>
        </message>
        <message>
            <source>Changes of %1</source>
            <translation>Modifications de %1</translation>
        </message>
        <message>
            <source>&amp;Copy all</source>
            <translation>&amp;Tout copier</translation>
        </message>
        <message>
            <source>Copy the table as text (Ctrl+C copies the selected rows)</source>
            <translation>Copier le tableau sous forme de texte (Ctrl+C copie les lignes sélectionnées)</translation>
        </message>
    </context>
    <context>
        <name>HistoryTableModel</name>
        <message>
            <source>When</source>
            <translation>Quand</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>Qui</translation>
        </message>
        <message>
            <source>What changed</source>
            <translation>Modification</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Motif</translation>
        </message>
        <message>
            <source>research nurse</source>
            <translation>infirmière de recherche clinique</translation>
        </message>
        <message>
            <source>principal investigator</source>
            <translation>investigateur principal</translation>
        </message>
        <message>
            <source>site administrator</source>
            <translation>administrateur du site</translation>
        </message>
        <message>
            <source>registry coordinator</source>
            <translation>coordinateur du registre</translation>
        </message>
        <message>
            <source>cmlentry</source>
            <translation>cmlentry</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>marked %1</source>
            <translation>marqué %1</translation>
        </message>
        <message>
            <source>no longer marked %1</source>
            <translation>n’est plus marqué %1</translation>
        </message>
        <message>
            <source>warning overridden: %1</source>
            <translation>avertissement levé : %1</translation>
        </message>
        <message>
            <source>override withdrawn (was: %1)</source>
            <translation>levée retirée (motif : %1)</translation>
        </message>
        <message>
            <source>form marked complete</source>
            <translation>formulaire marqué complet</translation>
        </message>
        <message>
            <source>form back to %1</source>
            <translation>formulaire repassé à l’état %1</translation>
        </message>
        <message>
            <source>entered: %1</source>
            <translation>saisi : %1</translation>
        </message>
        <message>
            <source>removed: %1</source>
            <translation>supprimé : %1</translation>
        </message>
        <message>
            <source>%1 → %2</source>
            <translation>%1 → %2</translation>
        </message>
        <message>
            <source>draft</source>
            <translation>brouillon</translation>
        </message>
        <message>
            <source>complete</source>
            <translation>complet</translation>
        </message>
        <message>
            <source>user name: %1</source>
            <translation>nom d’utilisateur : %1</translation>
        </message>
        <message>
            <source>codes: %1</source>
            <translation>codes : %1</translation>
        </message>
    </context>
    <context>
        <name>IdentityDialog</name>
        <message>
            <source>Patient identity — %1</source>
            <translation>Identité du patient — %1</translation>
        </message>
        <message>
            <source>Who case %1 is, kept only in this computer's identification list. It never leaves this computer.</source>
            <translation>À qui correspond le dossier %1 : information conservée uniquement dans la liste d’identification de cet ordinateur. Elle ne quitte jamais cet ordinateur.</translation>
        </message>
        <message>
            <source>&amp;Reason for the correction:</source>
            <translation>&amp;Motif de la correction :</translation>
        </message>
        <message>
            <source>typing error corrected</source>
            <translation>faute de frappe corrigée</translation>
        </message>
        <message>
            <source>name changed (marriage or other)</source>
            <translation>changement de nom (mariage ou autre)</translation>
        </message>
        <message>
            <source>checked against the hospital record</source>
            <translation>vérifié dans le dossier hospitalier</translation>
        </message>
        <message>
            <source>Reason for the correction</source>
            <translation>Motif de la correction</translation>
        </message>
        <message>
            <source>Why is the identity corrected?</source>
            <translation>Pourquoi l’identité est-elle corrigée ?</translation>
        </message>
        <message>
            <source>&amp;Save identity</source>
            <translation>&amp;Enregistrer l’identité</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>The identity was not changed.</source>
            <translation>L’identité n’a pas été modifiée.</translation>
        </message>
    </context>
    <context>
        <name>IdentityFields</name>
        <message>
            <source>Family name</source>
            <translation>Nom de famille</translation>
        </message>
        <message>
            <source>as on the hospital record</source>
            <translation>comme dans le dossier hospitalier</translation>
        </message>
        <message>
            <source>Given names</source>
            <translation>Prénoms</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>Date de naissance</translation>
        </message>
        <message>
            <source>YYYY-MM-DD</source>
            <translation>AAAA-MM-JJ</translation>
        </message>
        <message>
            <source>Hospital number</source>
            <translation>Numéro hospitalier (IPP)</translation>
        </message>
        <message>
            <source>&amp;Family name:</source>
            <translation>Nom de &amp;famille :</translation>
        </message>
        <message>
            <source>&amp;Given names:</source>
            <translation>&amp;Prénoms :</translation>
        </message>
        <message>
            <source>Date of &amp;birth:</source>
            <translation>Date de &amp;naissance :</translation>
        </message>
        <message>
            <source>&amp;Hospital number:</source>
            <translation>Numéro &amp;hospitalier :</translation>
        </message>
    </context>
    <context>
        <name>ImportPanel</name>
        <message>
            <source>&amp;Import files…</source>
            <translation>&amp;Importer des fichiers…</translation>
        </message>
        <message>
            <source>Import batch files</source>
            <translation>Importer des fichiers de lot</translation>
        </message>
        <message>
            <source>&amp;Change…</source>
            <translation>&amp;Changer…</translation>
        </message>
        <message>
            <source>Change the acknowledgement folder</source>
            <translation>Changer le dossier des accusés de réception</translation>
        </message>
        <message>
            <source>Import under way</source>
            <translation>Import en cours</translation>
        </message>
        <message>
            <source>&lt;b&gt;Import batches&lt;/b&gt;</source>
            <translation>&lt;b&gt;Importer des lots&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Batch files (*.cmlbatch);;All files (*)</source>
            <translation>Fichiers de lot (*.cmlbatch);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>Acknowledgements are written to: %1</source>
            <translation>Les accusés de réception sont écrits dans : %1</translation>
        </message>
        <message numerus="yes">
            <source>%n dropped item(s) left out: only batch files (.cmlbatch) are imported.</source>
            <translation>
                <numerusform>%n élément déposé a été ignoré : seuls les fichiers de lot (.cmlbatch) sont importés.</numerusform>
                <numerusform>%n éléments déposés ont été ignorés : seuls les fichiers de lot (.cmlbatch) sont importés.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportReportModel</name>
        <message>
            <source>File</source>
            <translation>Fichier</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Résultat</translation>
        </message>
        <message>
            <source>What happened</source>
            <translation>Ce qui s’est passé</translation>
        </message>
        <message>
            <source>Acknowledgement</source>
            <translation>Accusé de réception</translation>
        </message>
        <message>
            <source>Imported</source>
            <translation>Importé</translation>
        </message>
        <message>
            <source>Already imported</source>
            <translation>Déjà importé</translation>
        </message>
        <message>
            <source>Refused</source>
            <translation>Refusé</translation>
        </message>
        <message>
            <source>Case rejected</source>
            <translation>Dossier rejeté</translation>
        </message>
        <message>
            <source>Its acknowledgement could not be written again.</source>
            <translation>Son accusé de réception n’a pas pu être écrit à nouveau.</translation>
        </message>
        <message numerus="yes">
            <source>Batch %1 of %2: %n case(s) accepted, rejected: %3.</source>
            <translation>
                <numerusform>Lot %1 de %2 : %n dossier accepté, rejetés : %3.</numerusform>
                <numerusform>Lot %1 de %2 : %n dossiers acceptés, rejetés : %3.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 (revision %2): %3</source>
            <translation>%1 (révision %2) : %3</translation>
        </message>
        <message>
            <source>no reason given</source>
            <translation>aucun motif indiqué</translation>
        </message>
    </context>
    <context>
        <name>ImportReportView</name>
        <message>
            <source>No import yet in this session.</source>
            <translation>Aucun import pour l’instant dans cette session.</translation>
        </message>
        <message>
            <source>What became of each imported file</source>
            <translation>Ce qu’est devenu chaque fichier importé</translation>
        </message>
        <message>
            <source>&lt;b&gt;Last import&lt;/b&gt;</source>
            <translation>&lt;b&gt;Dernier import&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Import at %1: %2 imported, %3 already imported, %4 refused.</source>
            <translation>Import de %1 : %2 fichier(s) importé(s), %3 déjà importé(s), %4 refusé(s).</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) not imported: the import was cancelled.</source>
            <translation>
                <numerusform>%n fichier non importé : l’import a été annulé.</numerusform>
                <numerusform>%n fichiers non importés : l’import a été annulé.</numerusform>
            </translation>
        </message>
        <message>
            <source>Acknowledgements were written to %1: send each centre its own file.</source>
            <translation>Les accusés de réception ont été écrits dans %1 : envoyez à chaque centre son propre fichier.</translation>
        </message>
    </context>
    <context>
        <name>IssueView</name>
        <message>
            <source>Overridden: %1</source>
            <translation>Levé : %1</translation>
        </message>
    </context>
    <context>
        <name>LockPage</name>
        <message>
            <source>cmlentry is locked. Your work is saved.
Give your password again to go on, or let a colleague sign in.</source>
            <translation>cmlentry est verrouillé. Votre travail est enregistré.
Saisissez à nouveau votre mot de passe pour continuer, ou laissez un collègue se connecter.</translation>
        </message>
        <message>
            <source>&amp;Unlock…</source>
            <translation>&amp;Déverrouiller…</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>Déverrouiller</translation>
        </message>
        <message>
            <source>cmlentry is locked. Some typing could not be saved yet and is kept as a draft: unlock and check the case before you go on.</source>
            <translation>cmlentry est verrouillé. Une partie de la saisie n’a pas encore pu être enregistrée et est gardée comme brouillon : déverrouillez et vérifiez le dossier avant de continuer.</translation>
        </message>
    </context>
    <context>
        <name>MainActions</name>
        <message>
            <source>&amp;New case…</source>
            <translation>&amp;Nouveau dossier…</translation>
        </message>
        <message>
            <source>Register a new patient under a new registry ID (Ctrl+N)</source>
            <translation>Inscrire un nouveau patient sous un nouvel identifiant registre (Ctrl+N)</translation>
        </message>
        <message>
            <source>&amp;Import cases from a spreadsheet…</source>
            <translation>&amp;Importer des dossiers depuis un classeur…</translation>
        </message>
        <message>
            <source>Create cases from a filled-in entry workbook: all of them or none</source>
            <translation>Créer les dossiers à partir d’un classeur de saisie rempli : tous ou aucun</translation>
        </message>
        <message>
            <source>Save an empty entry &amp;workbook…</source>
            <translation>Enregistrer un &amp;classeur de saisie vide…</translation>
        </message>
        <message>
            <source>An Excel workbook with one sheet per form, to collect a line list</source>
            <translation>Un classeur Excel avec une feuille par formulaire, pour recueillir une liste de patients</translation>
        </message>
        <message>
            <source>&amp;Back up the workspace…</source>
            <translation>&amp;Sauvegarder l’espace de travail…</translation>
        </message>
        <message>
            <source>Write a checked, encrypted copy of the whole workspace to another disk</source>
            <translation>Écrire sur un autre disque une copie chiffrée et vérifiée de tout l’espace de travail</translation>
        </message>
        <message>
            <source>&amp;Export a batch…</source>
            <translation>&amp;Exporter un lot…</translation>
        </message>
        <message>
            <source>Make a signed, encrypted batch of cases for the registry (Ctrl+E)</source>
            <translation>Créer un lot de dossiers, signé et chiffré, pour le registre (Ctrl+E)</translation>
        </message>
        <message>
            <source>Ba&amp;tches…</source>
            <translation>&amp;Lots…</translation>
        </message>
        <message>
            <source>The batches made here, the registry's answers, and Write again</source>
            <translation>Les lots créés ici, les réponses du registre, et « Écrire à nouveau »</translation>
        </message>
        <message>
            <source>&amp;Read an acknowledgement…</source>
            <translation>Lire un &amp;accusé de réception…</translation>
        </message>
        <message>
            <source>Read the registry's answer to a batch: which cases it accepted</source>
            <translation>Lire la réponse du registre à un lot : quels dossiers il a acceptés</translation>
        </message>
        <message>
            <source>&amp;Lock</source>
            <translation>&amp;Verrouiller</translation>
        </message>
        <message>
            <source>Hide the data until your password is given again (Ctrl+L)</source>
            <translation>Masquer les données jusqu’à ce que votre mot de passe soit saisi à nouveau (Ctrl+L)</translation>
        </message>
        <message>
            <source>Sign &amp;out</source>
            <translation>Se &amp;déconnecter</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quitter</translation>
        </message>
        <message>
            <source>&amp;Case list</source>
            <translation>&amp;Liste des dossiers</translation>
        </message>
        <message>
            <source>Back to the list of cases; your typing is saved first (Alt+Left)</source>
            <translation>Revenir à la liste des dossiers ; votre saisie est d’abord enregistrée (Alt+Gauche)</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Enregistrer</translation>
        </message>
        <message>
            <source>Save the form now (Ctrl+S); leaving a field saves it too</source>
            <translation>Enregistrer le formulaire maintenant (Ctrl+S) ; chaque champ est aussi enregistré dès que vous le quittez</translation>
        </message>
        <message>
            <source>Patient &amp;identity…</source>
            <translation>&amp;Identité du patient…</translation>
        </message>
        <message>
            <source>Who this registry ID is: the local identification list, never exported</source>
            <translation>À qui correspond cet identifiant registre : la liste d’identification locale, jamais exportée</translation>
        </message>
        <message>
            <source>&amp;Review and sign…</source>
            <translation>&amp;Relire et signer…</translation>
        </message>
        <message>
            <source>The complete cases waiting for your signature: what changed since the last one, their queries, and Sign (Ctrl+R)</source>
            <translation>Les dossiers complets en attente de votre signature : modifications depuis la dernière, demandes de clarification, et « Signer » (Ctrl+R)</translation>
        </message>
        <message>
            <source>&amp;Unlock the signed case…</source>
            <translation>&amp;Déverrouiller le dossier signé…</translation>
        </message>
        <message>
            <source>Unlock the chosen signed case with a reason; its signature is dropped</source>
            <translation>Déverrouiller le dossier signé choisi en indiquant un motif ; sa signature est retirée</translation>
        </message>
        <message>
            <source>Si&amp;gnatures…</source>
            <translation>Si&amp;gnatures…</translation>
        </message>
        <message>
            <source>Who signed the chosen case and when, what each signature confirms, and the signatures dropped when the case was unlocked</source>
            <translation>Qui a signé le dossier choisi et quand, ce que confirme chaque signature, et les signatures retirées lors des déverrouillages</translation>
        </message>
        <message>
            <source>&amp;Print case summary…</source>
            <translation>Im&amp;primer le résumé du dossier…</translation>
        </message>
        <message>
            <source>The chosen case as a PDF for the site file, with its signature (Ctrl+P)</source>
            <translation>Le dossier choisi en PDF pour les archives du site, avec sa signature (Ctrl+P)</translation>
        </message>
        <message>
            <source>&amp;Find a case</source>
            <translation>&amp;Rechercher un dossier</translation>
        </message>
        <message>
            <source>Search the case list by registry ID or reason (Ctrl+F)</source>
            <translation>Rechercher dans la liste des dossiers par identifiant registre ou motif d’inclusion (Ctrl+F)</translation>
        </message>
        <message>
            <source>&amp;Refresh the list</source>
            <translation>Ac&amp;tualiser la liste</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Raccourcis clavier</translation>
        </message>
        <message>
            <source>&amp;About cmlentry</source>
            <translation>À &amp;propos de cmlentry</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Fichier</translation>
        </message>
        <message>
            <source>&amp;Case</source>
            <translation>&amp;Dossier</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Affichage</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>A&amp;ide</translation>
        </message>
        <message>
            <source>Main tools</source>
            <translation>Barre d’outils principale</translation>
        </message>
    </context>
    <context>
        <name>MainTasks</name>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Classeurs Excel (*.xlsx)</translation>
        </message>
        <message>
            <source>Import cases from a workbook</source>
            <translation>Importer des dossiers depuis un classeur</translation>
        </message>
        <message>
            <source>Importing %1</source>
            <translation>Import de %1</translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) created from the workbook, as drafts.</source>
            <translation>
                <numerusform>%n dossier créé à partir du classeur, à l’état de brouillon.</numerusform>
                <numerusform>%n dossiers créés à partir du classeur, à l’état de brouillon.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of them have errors or warnings to look at: tick “Only with open errors or warnings” in the list to see them.</source>
            <translation>
                <numerusform>%n d’entre eux présente des erreurs ou avertissements à examiner : cochez « Seulement avec des erreurs ou avertissements en suspens » dans la liste pour le voir.</numerusform>
                <numerusform>%n d’entre eux présentent des erreurs ou avertissements à examiner : cochez « Seulement avec des erreurs ou avertissements en suspens » dans la liste pour les voir.</numerusform>
            </translation>
        </message>
        <message>
            <source>Import finished</source>
            <translation>Import terminé</translation>
        </message>
        <message>
            <source>Save an empty entry workbook</source>
            <translation>Enregistrer un classeur de saisie vide</translation>
        </message>
        <message>
            <source>Entry workbook saved: %1</source>
            <translation>Classeur de saisie enregistré : %1</translation>
        </message>
        <message>
            <source>Choose where to write the backup (another disk)</source>
            <translation>Choisissez où écrire la sauvegarde (un autre disque)</translation>
        </message>
        <message>
            <source>Backing up the workspace</source>
            <translation>Sauvegarde de l’espace de travail</translation>
        </message>
        <message>
            <source>Backup written and checked: %1</source>
            <translation>Sauvegarde écrite et vérifiée : %1</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Terminé</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>cmlentry — %1</source>
            <translation>cmlentry — %1</translation>
        </message>
        <message>
            <source> — DEMO (synthetic cases)</source>
            <translation> — DÉMONSTRATION (dossiers fictifs)</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>DEMO — synthetic cases, never real patients</source>
            <translation>DÉMONSTRATION — dossiers fictifs, jamais de vrais patients</translation>
        </message>
        <message>
            <source>Read-only: the workspace failed its check</source>
            <translation>Lecture seule : l’espace de travail n’a pas passé sa vérification</translation>
        </message>
        <message>
            <source>Choose a case first.</source>
            <translation>Choisissez d’abord un dossier.</translation>
        </message>
        <message>
            <source>Not everything was saved</source>
            <translation>Tout n’a pas été enregistré</translation>
        </message>
        <message>
            <source>The last typing could not be saved. It is kept as a draft and will be offered again at the next start.</source>
            <translation>La dernière saisie n’a pas pu être enregistrée. Elle est conservée comme brouillon et vous sera proposée au prochain démarrage.</translation>
        </message>
        <message>
            <source>Typing not saved</source>
            <translation>Saisie non enregistrée</translation>
        </message>
        <message>
            <source>The last typing could be neither saved nor kept as a draft, and is lost. Call your site administrator: the workspace may be full or damaged.</source>
            <translation>La dernière saisie n’a pu être ni enregistrée ni gardée comme brouillon, et elle est perdue. Appelez l’administrateur du site : l’espace de travail est peut-être plein ou endommagé.</translation>
        </message>
    </context>
    <context>
        <name>MissingCombo</name>
        <message>
            <source>—</source>
            <translation>—</translation>
        </message>
    </context>
    <context>
        <name>NewCaseDialog</name>
        <message>
            <source>Register a patient</source>
            <translation>Inscrire un patient</translation>
        </message>
        <message>
            <source>The patient gets the centre's next registry ID. The registry only ever knows the patient by that ID.</source>
            <translation>Le patient reçoit le prochain identifiant registre du centre. Le registre ne connaît le patient que par cet identifiant.</translation>
        </message>
        <message>
            <source>Identification (optional)</source>
            <translation>Identification (facultative)</translation>
        </message>
        <message>
            <source>Kept only in this computer's identification list, so that you can find the patient again. It never leaves this computer: no batch or export for the registry carries it.</source>
            <translation>Conservée uniquement dans la liste d’identification de cet ordinateur, pour que vous puissiez retrouver le patient. Elle ne quitte jamais cet ordinateur : aucun lot ni export destiné au registre ne la contient.</translation>
        </message>
        <message>
            <source>&amp;Register patient</source>
            <translation>&amp;Inscrire le patient</translation>
        </message>
        <message>
            <source>The patient is registered as</source>
            <translation>Le patient est inscrit sous l’identifiant</translation>
        </message>
        <message>
            <source>Write this registry ID in the patient's file now: it is how you and the registry will find this case again.</source>
            <translation>Notez dès maintenant cet identifiant registre dans le dossier du patient : c’est par lui que vous et le registre retrouverez ce dossier.</translation>
        </message>
        <message>
            <source>&amp;Copy the ID</source>
            <translation>&amp;Copier l’identifiant</translation>
        </message>
        <message>
            <source>&amp;Save the identification again</source>
            <translation>&amp;Enregistrer à nouveau l’identification</translation>
        </message>
        <message>
            <source>&amp;Open the case</source>
            <translation>&amp;Ouvrir le dossier</translation>
        </message>
        <message>
            <source>the same hospital number</source>
            <translation>le même numéro hospitalier</translation>
        </message>
        <message>
            <source>the same family name and date of birth</source>
            <translation>les mêmes nom de famille et date de naissance</translation>
        </message>
        <message>
            <source>This patient may already be registered as %1 (%2).</source>
            <translation>Ce patient est peut-être déjà inscrit sous %1 (%2).</translation>
        </message>
        <message>
            <source>Also possible: %1.</source>
            <translation>Également possible : %1.</translation>
        </message>
        <message>
            <source>Open that case, or register a new one anyway.</source>
            <translation>Ouvrez ce dossier, ou inscrivez tout de même un nouveau patient.</translation>
        </message>
        <message>
            <source>Open %1</source>
            <translation>Ouvrir %1</translation>
        </message>
        <message>
            <source>&amp;Register anyway</source>
            <translation>&amp;Inscrire quand même</translation>
        </message>
        <message>
            <source>Registering…</source>
            <translation>Inscription…</translation>
        </message>
        <message>
            <source>New registry ID %1</source>
            <translation>Nouvel identifiant registre %1</translation>
        </message>
        <message>
            <source>No patient was registered.</source>
            <translation>Aucun patient n’a été inscrit.</translation>
        </message>
        <message>
            <source>No identification was given. You can add it later with Case ▸ Patient identity.</source>
            <translation>Aucune identification n’a été donnée. Vous pourrez l’ajouter plus tard avec Dossier ▸ Identité du patient.</translation>
        </message>
        <message>
            <source>The identification is saved in this computer's identification list.</source>
            <translation>L’identification est enregistrée dans la liste d’identification de cet ordinateur.</translation>
        </message>
        <message>
            <source>The case %1 exists, but its identification was NOT saved: %2 Press “Save the identification again”, or add it later with Case ▸ Patient identity.</source>
            <translation>Le dossier %1 existe, mais son identification n’a PAS été enregistrée : %2 Appuyez sur « Enregistrer à nouveau l’identification », ou ajoutez-la plus tard avec Dossier ▸ Identité du patient.</translation>
        </message>
    </context>
    <context>
        <name>NewPasswordFields</name>
        <message>
            <source>New password</source>
            <translation>Nouveau mot de passe</translation>
        </message>
        <message>
            <source>New password again</source>
            <translation>Confirmation du nouveau mot de passe</translation>
        </message>
        <message>
            <source>At least {n} characters. A few unrelated words make a good password; it must not contain your user name.</source>
            <translation>Au moins {n} caractères. Quelques mots sans rapport entre eux font un bon mot de passe ; il ne doit pas contenir votre nom d’utilisateur.</translation>
        </message>
        <message>
            <source>&amp;New password:</source>
            <translation>&amp;Nouveau mot de passe :</translation>
        </message>
        <message>
            <source>&amp;Repeat it:</source>
            <translation>&amp;Confirmation :</translation>
        </message>
        <message>
            <source>Type the new password.</source>
            <translation>Saisissez le nouveau mot de passe.</translation>
        </message>
        <message>
            <source>The two new passwords are not the same.</source>
            <translation>Les deux nouveaux mots de passe ne sont pas identiques.</translation>
        </message>
    </context>
    <context>
        <name>OverrideDialog</name>
        <message>
            <source>Override a warning</source>
            <translation>Lever un avertissement</translation>
        </message>
        <message>
            <source>(no value)</source>
            <translation>(aucune valeur)</translation>
        </message>
        <message>
            <source>Field:</source>
            <translation>Champ :</translation>
        </message>
        <message>
            <source>Value entered:</source>
            <translation>Valeur saisie :</translation>
        </message>
        <message>
            <source>If the value is right, say why (for example, as written in the source document). The reason is kept with the answer, in the audit trail with your name, and exported with the case, so the registry reads it too. The warning then no longer stops the form from being marked complete.</source>
            <translation>Si la valeur est juste, dites pourquoi (par exemple : telle qu’écrite dans le document source). Le motif est conservé avec la réponse, dans la piste d’audit avec votre nom, et exporté avec le dossier : le registre le lit aussi. L’avertissement n’empêche alors plus de marquer le formulaire complet.</translation>
        </message>
        <message>
            <source>value confirmed in the source document</source>
            <translation>valeur confirmée dans le document source</translation>
        </message>
        <message>
            <source>value confirmed with the treating physician</source>
            <translation>valeur confirmée avec le médecin en charge du patient</translation>
        </message>
        <message>
            <source>unusual but correct for this patient</source>
            <translation>inhabituelle mais correcte pour ce patient</translation>
        </message>
        <message>
            <source>Reason for overriding the warning</source>
            <translation>Motif de la levée de l’avertissement</translation>
        </message>
        <message>
            <source>Why is this value right?</source>
            <translation>Pourquoi cette valeur est-elle juste ?</translation>
        </message>
        <message>
            <source>&amp;Reason:</source>
            <translation>&amp;Motif :</translation>
        </message>
        <message>
            <source>Override warning</source>
            <translation>Lever l’avertissement</translation>
        </message>
    </context>
    <context>
        <name>OverviewPage</name>
        <message>
            <source>Overview</source>
            <translation>Vue d’ensemble</translation>
        </message>
        <message>
            <source>patients counted</source>
            <translation>patients comptés</translation>
        </message>
        <message>
            <source>centres with patients</source>
            <translation>centres ayant des patients</translation>
        </message>
        <message>
            <source>median age at diagnosis, years (range)</source>
            <translation>âge médian au diagnostic, en années (étendue)</translation>
        </message>
        <message>
            <source>women</source>
            <translation>femmes</translation>
        </message>
        <message>
            <source>never in a prospective study</source>
            <translation>jamais inclus dans une étude prospective</translation>
        </message>
        <message>
            <source>patients with a PFS time</source>
            <translation>patients avec une durée de SSP</translation>
        </message>
        <message>
            <source>Centres</source>
            <translation>Centres</translation>
        </message>
        <message>
            <source>Made at %1 (UTC) from %2 · form definition %3.</source>
            <translation>Établi le %1 (UTC) à partir de %2 · définition du formulaire %3.</translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) the registry holds have no accepted version and are not counted.</source>
            <translation>
                <numerusform>%n dossier détenu par le registre n’a aucune version acceptée et n’est pas compté.</numerusform>
                <numerusform>%n dossiers détenus par le registre n’ont aucune version acceptée et ne sont pas comptés.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n country(ies)</source>
            <translation>
                <numerusform>%n pays</numerusform>
                <numerusform>%n pays</numerusform>
            </translation>
        </message>
        <message>
            <source>PFS at %1 months</source>
            <translation>SSP à %1 mois</translation>
        </message>
        <message>
            <source>PFS at %1 months: beyond the longest follow-up, carried forward</source>
            <translation>SSP à %1 mois : au-delà du plus long suivi, valeur reportée</translation>
        </message>
        <message>
            <source>PFS at %1 months, 95 % CI %2–%3</source>
            <translation>SSP à %1 mois, IC à 95 % %2–%3</translation>
        </message>
        <message>
            <source>no patient with a PFS time</source>
            <translation>aucun patient avec une durée de SSP</translation>
        </message>
        <message numerus="yes">
            <source>%n event(s)</source>
            <translation>
                <numerusform>%n événement</numerusform>
                <numerusform>%n événements</numerusform>
            </translation>
        </message>
        <message>
            <source>No patient has a month of registration yet.</source>
            <translation>Aucun patient n’a encore de mois d’inclusion.</translation>
        </message>
        <message numerus="yes">
            <source>%n patient(s) without a usable date of registration are counted in the month the registry first received them.</source>
            <translation>
                <numerusform>%n patient sans date d’inclusion utilisable est compté dans le mois où le registre l’a reçu pour la première fois.</numerusform>
                <numerusform>%n patients sans date d’inclusion utilisable sont comptés dans le mois où le registre les a reçus pour la première fois.</numerusform>
            </translation>
        </message>
        <message>
            <source>No centre has sent an accepted case yet.</source>
            <translation>Aucun centre n’a encore envoyé de dossier accepté.</translation>
        </message>
        <message>
            <source>Centre</source>
            <translation>Centre</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>Pays</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Patients</source>
            <translation>Patients</translation>
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message>
            <source>Choose a new password</source>
            <translation>Choisir un nouveau mot de passe</translation>
        </message>
        <message>
            <source>Welcome, {name}. The password you used was given to you by your site administrator: choose your own now. Nobody else should know it.</source>
            <translation>Bienvenue, {name}. Le mot de passe que vous avez utilisé vous a été donné par l’administrateur du site : choisissez maintenant le vôtre. Personne d’autre ne doit le connaître.</translation>
        </message>
        <message>
            <source>Change the password of {user}.</source>
            <translation>Changer le mot de passe de {user}.</translation>
        </message>
        <message>
            <source>Current password</source>
            <translation>Mot de passe actuel</translation>
        </message>
        <message>
            <source>&amp;Change password</source>
            <translation>&amp;Changer le mot de passe</translation>
        </message>
        <message>
            <source>C&amp;urrent password:</source>
            <translation>Mot de passe &amp;actuel :</translation>
        </message>
    </context>
    <context>
        <name>PatientsPage</name>
        <message>
            <source>Patients</source>
            <translation>Patients</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sexe</translation>
        </message>
        <message>
            <source>Age at diagnosis (years)</source>
            <translation>Âge au diagnostic (années)</translation>
        </message>
        <message>
            <source>Ever included in a prospective study (N: never)</source>
            <translation>Déjà inclus dans une étude prospective (N : jamais)</translation>
        </message>
        <message>
            <source>all centres together</source>
            <translation>tous centres confondus</translation>
        </message>
        <message>
            <source>by country</source>
            <translation>par pays</translation>
        </message>
        <message>
            <source>by centre</source>
            <translation>par centre</translation>
        </message>
        <message>
            <source>Reasons for registration sho&amp;wn:</source>
            <translation>Motifs d’inclusion a&amp;ffichés :</translation>
        </message>
        <message>
            <source>Reasons for registration (Tab. 1)</source>
            <translation>Motifs d’inclusion (tabl. 1)</translation>
        </message>
        <message>
            <source>Median</source>
            <translation>Médiane</translation>
        </message>
        <message>
            <source>Min</source>
            <translation>Min</translation>
        </message>
        <message>
            <source>Max</source>
            <translation>Max</translation>
        </message>
        <message numerus="yes">
            <source>%n patient(s) with an age known only to within a year: the youngest possible age is counted.</source>
            <translation>
                <numerusform>%n patient dont l’âge n’est connu qu’à un an près : l’âge le plus bas possible est retenu.</numerusform>
                <numerusform>%n patients dont l’âge n’est connu qu’à un an près : l’âge le plus bas possible est retenu.</numerusform>
            </translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Motif</translation>
        </message>
        <message>
            <source>All n</source>
            <translation>Ensemble n</translation>
        </message>
        <message>
            <source>All %</source>
            <translation>Ensemble %</translation>
        </message>
        <message>
            <source>%1 n</source>
            <translation>%1 n</translation>
        </message>
        <message>
            <source>%1 %</source>
            <translation>%1 %</translation>
        </message>
        <message>
            <source>Percentages are of all the patients of each column, as in the registry letter's Tab. 1.</source>
            <translation>Les pourcentages portent sur l’ensemble des patients de chaque colonne, comme dans le tabl. 1 de la lettre du registre.</translation>
        </message>
    </context>
    <context>
        <name>PlotWidget</name>
        <message>
            <source>%1 %</source>
            <translation>%1 %</translation>
        </message>
        <message>
            <source>Save picture…</source>
            <translation>Enregistrer l’image…</translation>
        </message>
        <message>
            <source>PNG picture (*.png)</source>
            <translation>Image PNG (*.png)</translation>
        </message>
        <message>
            <source>SVG drawing (*.svg)</source>
            <translation>Dessin SVG (*.svg)</translation>
        </message>
        <message>
            <source>PDF document (*.pdf)</source>
            <translation>Document PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Save picture</source>
            <translation>Enregistrer l’image</translation>
        </message>
        <message>
            <source>Picture not saved</source>
            <translation>Image non enregistrée</translation>
        </message>
    </context>
    <context>
        <name>ProgressDialog</name>
        <message>
            <source>Progress</source>
            <translation>Avancement</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Stopping…</source>
            <translation>Arrêt en cours…</translation>
        </message>
    </context>
    <context>
        <name>QueriesTableModel</name>
        <message>
            <source>Field</source>
            <translation>Champ</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Question</source>
            <translation>Question</translation>
        </message>
        <message>
            <source>Raised</source>
            <translation>Émise</translation>
        </message>
        <message>
            <source>Reply</source>
            <translation>Réponse</translation>
        </message>
        <message>
            <source>Open: waiting for an answer</source>
            <translation>Ouverte : en attente de réponse</translation>
        </message>
        <message>
            <source>Answered: waiting to be closed</source>
            <translation>Avec réponse : en attente de clôture</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>Clôturée</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Annulée</translation>
        </message>
        <message>
            <source>%1 (registry)</source>
            <translation>%1 (registre)</translation>
        </message>
        <message>
            <source>Answered by %1 on %2</source>
            <translation>Réponse de %1 le %2</translation>
        </message>
    </context>
    <context>
        <name>QueriesView</name>
        <message>
            <source>All centres</source>
            <translation>Tous les centres</translation>
        </message>
        <message>
            <source>Find a case ID, question or answer</source>
            <translation>Rechercher : identifiant, question ou réponse</translation>
        </message>
        <message>
            <source>Find queries</source>
            <translation>Rechercher des demandes de clarification</translation>
        </message>
        <message>
            <source>S&amp;tate:</source>
            <translation>É&amp;tat :</translation>
        </message>
        <message>
            <source>C&amp;entre:</source>
            <translation>C&amp;entre :</translation>
        </message>
        <message>
            <source>R&amp;aise query…</source>
            <translation>&amp;Demander une clarification…</translation>
        </message>
        <message>
            <source>C&amp;lose…</source>
            <translation>C&amp;lôturer…</translation>
        </message>
        <message>
            <source>Cancel the quer&amp;y…</source>
            <translation>A&amp;nnuler la demande…</translation>
        </message>
        <message>
            <source>&amp;Send to the centre…</source>
            <translation>En&amp;voyer au centre…</translation>
        </message>
        <message>
            <source>Write the centre's latest acknowledgement again with the registry's queries as they are now, to send it to the centre</source>
            <translation>Écrire à nouveau le dernier accusé de réception du centre avec les demandes de clarification du registre dans leur état actuel, pour l’envoyer au centre</translation>
        </message>
        <message>
            <source>Waiting (open or answered)</source>
            <translation>En attente (ouverte ou avec réponse)</translation>
        </message>
        <message>
            <source>Answered, to close</source>
            <translation>Avec réponse, à clôturer</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouverte</translation>
        </message>
        <message>
            <source>Closed</source>
            <translation>Clôturée</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Annulée</translation>
        </message>
        <message>
            <source>All states</source>
            <translation>Tous les états</translation>
        </message>
        <message>
            <source>Queries of the registry</source>
            <translation>Demandes de clarification du registre</translation>
        </message>
        <message>
            <source>No queries yet. Choose “Raise query…” to ask a centre about one answer of a case the registry holds; the sites' own queries appear here as their batches bring them.</source>
            <translation>Aucune demande de clarification pour l’instant. Choisissez « Demander une clarification… » pour interroger un centre sur une réponse d’un dossier que détient le registre ; les demandes de clarification des sites apparaissent ici à mesure que leurs lots les apportent.</translation>
        </message>
        <message numerus="yes">
            <source>None of the %n query(ies) matches these filters.</source>
            <translation>
                <numerusform>La demande de clarification (%n au total) ne correspond pas à ces filtres.</numerusform>
                <numerusform>Aucune des %n demandes de clarification ne correspond à ces filtres.</numerusform>
            </translation>
        </message>
        <message>
            <source>This query was raised at centre %1: only the site closes or cancels it.</source>
            <translation>Cette demande de clarification a été émise au centre %1 : seul le site peut la clôturer ou l’annuler.</translation>
        </message>
        <message>
            <source>Only %1, who raised this query, can close or cancel it.</source>
            <translation>Cette demande de clarification a été émise par %1 : seule cette personne peut la clôturer ou l’annuler.</translation>
        </message>
        <message>
            <source>Not answered yet: you can close it once centre %1 answers, or cancel it.</source>
            <translation>Pas encore de réponse : vous pourrez la clôturer quand le centre %1 aura répondu, ou l’annuler.</translation>
        </message>
        <message>
            <source>Centre %1 answered: close the query if the answer settles it, or cancel it.</source>
            <translation>Le centre %1 a répondu : clôturez la demande de clarification si la réponse règle la question, ou annulez-la.</translation>
        </message>
    </context>
    <context>
        <name>QueryMark</name>
        <message>
            <source>%1 Click to show them.</source>
            <translation>%1 Cliquez pour les afficher.</translation>
        </message>
        <message>
            <source>Queries on %1</source>
            <translation>Demandes de clarification sur %1</translation>
        </message>
    </context>
    <context>
        <name>QueryPanel</name>
        <message>
            <source>Queries</source>
            <translation>Clarifications</translation>
        </message>
        <message>
            <source>No queries on this case.</source>
            <translation>Aucune demande de clarification sur ce dossier.</translation>
        </message>
        <message>
            <source>A&amp;nswer…</source>
            <translation>Ré&amp;pondre…</translation>
        </message>
        <message>
            <source>Cancel the quer&amp;y…</source>
            <translation>A&amp;nnuler la demande…</translation>
        </message>
        <message>
            <source>C&amp;lose…</source>
            <translation>C&amp;lôturer…</translation>
        </message>
        <message>
            <source>Queries of this case</source>
            <translation>Demandes de clarification de ce dossier</translation>
        </message>
        <message>
            <source>Queries: %1 of %2 waiting</source>
            <translation>Clarifications : %1 sur %2 en attente</translation>
        </message>
    </context>
    <context>
        <name>QueryTableModel</name>
        <message>
            <source>Field</source>
            <translation>Champ</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Question</source>
            <translation>Question</translation>
        </message>
        <message>
            <source>Raised</source>
            <translation>Émise</translation>
        </message>
        <message>
            <source>Reply</source>
            <translation>Réponse</translation>
        </message>
        <message>
            <source>%1 (registry)</source>
            <translation>%1 (registre)</translation>
        </message>
        <message>
            <source>Query %1 on %2 (%3)</source>
            <translation>Demande de clarification %1 sur %2 (%3)</translation>
        </message>
        <message>
            <source>Raised by %1 on %2: %3</source>
            <translation>Émise par %1 le %2 : %3</translation>
        </message>
        <message>
            <source>Answered by %1 on %2: %3</source>
            <translation>Réponse de %1 le %2 : %3</translation>
        </message>
    </context>
    <context>
        <name>QueryTextDialog</name>
        <message numerus="yes">
            <source>At least %n characters. It is kept in the audit trail with your name and the time.</source>
            <translation>
                <numerusform>Au moins %n caractère. Le texte est conservé dans la piste d’audit avec votre nom et l’heure.</numerusform>
                <numerusform>Au moins %n caractères. Le texte est conservé dans la piste d’audit avec votre nom et l’heure.</numerusform>
            </translation>
        </message>
        <message>
            <source>Optional. It is kept in the audit trail with your name.</source>
            <translation>Facultatif. Le texte est conservé dans la piste d’audit avec votre nom.</translation>
        </message>
    </context>
    <context>
        <name>QueryWords</name>
        <message>
            <source>open</source>
            <comment>state of a query</comment>
            <translation>ouverte</translation>
        </message>
        <message>
            <source>answered</source>
            <comment>state of a query</comment>
            <translation>avec réponse</translation>
        </message>
        <message>
            <source>closed</source>
            <comment>state of a query</comment>
            <translation>clôturée</translation>
        </message>
        <message>
            <source>cancelled</source>
            <comment>state of a query</comment>
            <translation>annulée</translation>
        </message>
        <message numerus="yes">
            <source>%n open</source>
            <comment>queries</comment>
            <translation>
                <numerusform>%n ouverte</numerusform>
                <numerusform>%n ouvertes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answered</source>
            <comment>queries</comment>
            <translation>
                <numerusform>%n avec réponse</numerusform>
                <numerusform>%n avec réponse</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n closed</source>
            <comment>queries</comment>
            <translation>
                <numerusform>%n clôturée</numerusform>
                <numerusform>%n clôturées</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n cancelled</source>
            <comment>queries</comment>
            <translation>
                <numerusform>%n annulée</numerusform>
                <numerusform>%n annulées</numerusform>
            </translation>
        </message>
        <message>
            <source>Cancelled by %1 on %2: %3</source>
            <translation>Annulée par %1 le %2 : %3</translation>
        </message>
        <message>
            <source>Cancelled by %1 on %2</source>
            <translation>Annulée par %1 le %2</translation>
        </message>
        <message>
            <source>Closed by %1 on %2: %3</source>
            <translation>Clôturée par %1 le %2 : %3</translation>
        </message>
        <message>
            <source>Closed by %1 on %2</source>
            <translation>Clôturée par %1 le %2</translation>
        </message>
        <message>
            <source>Queries: %1.</source>
            <translation>Demandes de clarification : %1.</translation>
        </message>
    </context>
    <context>
        <name>RaiseQueryDialog</name>
        <message>
            <source>Raise a query</source>
            <translation>Émettre une demande de clarification</translation>
        </message>
        <message>
            <source>Ask the centre about one answer of a case. The query reaches the centre with its next acknowledgement, or at once with “Send to the centre…”; the site answers it, and you close it once the answer settles it.</source>
            <translation>Interrogez le centre sur une réponse d’un dossier. La demande de clarification parvient au centre avec son prochain accusé de réception, ou immédiatement avec « Envoyer au centre… » ; le site y répond, et vous la clôturez quand la réponse règle la question.</translation>
        </message>
        <message>
            <source>Form</source>
            <translation>Formulaire</translation>
        </message>
        <message>
            <source>Group of questions</source>
            <translation>Groupe de questions</translation>
        </message>
        <message>
            <source>Question queried</source>
            <translation>Champ concerné</translation>
        </message>
        <message numerus="yes">
            <source>At least %n characters. It is kept in the audit trail with your name and the time, and the site reads it as written.</source>
            <translation>
                <numerusform>Au moins %n caractère. Le texte est conservé dans la piste d’audit avec votre nom et l’heure, et le site le lit tel qu’il est écrit.</numerusform>
                <numerusform>Au moins %n caractères. Le texte est conservé dans la piste d’audit avec votre nom et l’heure, et le site le lit tel qu’il est écrit.</numerusform>
            </translation>
        </message>
        <message>
            <source>Raise the query</source>
            <translation>Émettre la demande</translation>
        </message>
        <message>
            <source>&amp;Case:</source>
            <translation>&amp;Dossier :</translation>
        </message>
        <message>
            <source>&amp;Form:</source>
            <translation>&amp;Formulaire :</translation>
        </message>
        <message>
            <source>&amp;Group:</source>
            <translation>&amp;Groupe :</translation>
        </message>
        <message>
            <source>&amp;Row:</source>
            <translation>&amp;Ligne :</translation>
        </message>
        <message>
            <source>&amp;Item:</source>
            <translation>&amp;Champ :</translation>
        </message>
        <message>
            <source>&amp;Question:</source>
            <translation>&amp;Question :</translation>
        </message>
        <message>
            <source>Registry ID, for example FR-086-0007-K</source>
            <translation>Identifiant registre, par exemple FR-086-0007-K</translation>
        </message>
        <message>
            <source>Registry ID of the case</source>
            <translation>Identifiant registre du dossier</translation>
        </message>
        <message>
            <source>Row of the repeating group</source>
            <translation>Ligne du groupe répétable</translation>
        </message>
        <message>
            <source>The query</source>
            <translation>La demande de clarification</translation>
        </message>
        <message>
            <source>The row's number in the case's record, from 1.</source>
            <translation>Le numéro de la ligne dans le dossier, à partir de 1.</translation>
        </message>
        <message>
            <source>This group has one row.</source>
            <translation>Ce groupe n’a qu’une ligne.</translation>
        </message>
        <message>
            <source>%1 (repeating)</source>
            <translation>%1 (répétable)</translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message>
            <source>Reason for the change</source>
            <translation>Motif de la modification</translation>
        </message>
        <message>
            <source>Why is this change made?</source>
            <translation>Pourquoi cette modification ?</translation>
        </message>
        <message>
            <source>&amp;Reason:</source>
            <translation>&amp;Motif :</translation>
        </message>
        <message numerus="yes">
            <source>At least %n characters. The reason is kept in the audit trail with your name and the time of the change.</source>
            <translation>
                <numerusform>Au moins %n caractère. Le motif est conservé dans la piste d’audit avec votre nom et l’heure de la modification.</numerusform>
                <numerusform>Au moins %n caractères. Le motif est conservé dans la piste d’audit avec votre nom et l’heure de la modification.</numerusform>
            </translation>
        </message>
        <message>
            <source>Save the change</source>
            <translation>Enregistrer la modification</translation>
        </message>
        <message>
            <source>transcription error corrected</source>
            <translation>erreur de transcription corrigée</translation>
        </message>
        <message>
            <source>source document updated</source>
            <translation>document source mis à jour</translation>
        </message>
        <message>
            <source>query answered</source>
            <translation>réponse à une demande de clarification</translation>
        </message>
        <message>
            <source>value confirmed with the treating physician</source>
            <translation>valeur confirmée avec le médecin en charge du patient</translation>
        </message>
    </context>
    <context>
        <name>RecoveryDialog</name>
        <message>
            <source>Set a password with the recovery key</source>
            <translation>Définir un mot de passe avec la clé de secours</translation>
        </message>
        <message>
            <source>The recovery key was shown once when the workspace was made and is kept sealed by the principal investigator. With it, a new password can be set for any user, and a locked account is unlocked.</source>
            <translation>La clé de secours a été affichée une seule fois, à la création de l’espace de travail, et l’investigateur principal la conserve sous pli scellé. Elle permet de définir un nouveau mot de passe pour tout utilisateur et de débloquer un compte bloqué.</translation>
        </message>
        <message>
            <source>Recovery key</source>
            <translation>Clé de secours</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Nom d’utilisateur</translation>
        </message>
        <message>
            <source>&amp;Set password</source>
            <translation>&amp;Définir le mot de passe</translation>
        </message>
        <message>
            <source>Recovery &amp;key:</source>
            <translation>&amp;Clé de secours :</translation>
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation>Nom d’&amp;utilisateur :</translation>
        </message>
    </context>
    <context>
        <name>RecoveryKeyPage</name>
        <message>
            <source>The recovery key</source>
            <translation>La clé de secours</translation>
        </message>
        <message>
            <source>Shown this once. Write it down now, on paper.</source>
            <translation>Affichée cette seule fois. Recopiez-la maintenant, sur papier.</translation>
        </message>
        <message>
            <source>&amp;Next</source>
            <translation>&amp;Suivant</translation>
        </message>
        <message>
            <source>With this key a new password can be set for any user if every password is lost; without it the data would be lost. Copy it by hand, check it, seal it in an envelope and give it to the principal investigator. It cannot be copied or printed here: clipboards and print queues would keep a copy on this computer.</source>
            <translation>Avec cette clé, un nouveau mot de passe peut être défini pour tout utilisateur si tous les mots de passe sont perdus ; sans elle, les données seraient perdues. Recopiez-la à la main, vérifiez-la, scellez-la dans une enveloppe et remettez-la à l’investigateur principal. Elle ne peut pas être copiée ni imprimée ici : le presse-papiers et les files d’impression en garderaient une copie sur cet ordinateur.</translation>
        </message>
        <message>
            <source>Recovery key</source>
            <translation>Clé de secours</translation>
        </message>
        <message>
            <source>I have &amp;written the recovery key down and will give it to the PI</source>
            <translation>J’ai &amp;recopié la clé de secours et je la remettrai à l’investigateur principal</translation>
        </message>
        <message>
            <source>Group {n} of the recovery key</source>
            <translation>Groupe {n} de la clé de secours</translation>
        </message>
        <message>
            <source>From your paper, type &amp;group {n}:</source>
            <translation>D’après votre papier, saisissez le &amp;groupe {n} :</translation>
        </message>
        <message>
            <source>That is not group {n}. Check your paper copy.</source>
            <translation>Ce n’est pas le groupe {n}. Vérifiez votre copie papier.</translation>
        </message>
    </context>
    <context>
        <name>RegisterCentreDialog</name>
        <message>
            <source>Register a centre</source>
            <translation>Enregistrer un centre</translation>
        </message>
        <message>
            <source>Choose the public key file (.cmlkey) the centre's site administrator sent you. Only batches signed with a registered key are ever imported.</source>
            <translation>Choisissez le fichier de clé publique (.cmlkey) que l’administrateur du site du centre vous a envoyé. Seuls les lots signés avec une clé enregistrée sont importés.</translation>
        </message>
        <message>
            <source>Key file of the centre</source>
            <translation>Fichier de clé du centre</translation>
        </message>
        <message>
            <source>C&amp;hoose file…</source>
            <translation>C&amp;hoisir le fichier…</translation>
        </message>
        <message>
            <source>Choose the centre's key file</source>
            <translation>Choisir le fichier de clé du centre</translation>
        </message>
        <message>
            <source>Fingerprint of the centre's key</source>
            <translation>Empreinte de la clé du centre</translation>
        </message>
        <message>
            <source>Call the centre and have its site administrator read their key's fingerprint aloud (the last page of their set-up showed it), group by group. Register the key only if every group matches.</source>
            <translation>Appelez le centre et demandez à son administrateur du site de vous lire à voix haute l’empreinte de sa clé (affichée à la dernière page de sa configuration), groupe par groupe. N’enregistrez la clé que si chaque groupe correspond.</translation>
        </message>
        <message>
            <source>I &amp;read this fingerprint with the centre by phone and it matches</source>
            <translation>J’ai &amp;comparé cette empreinte avec le centre par téléphone : elle correspond</translation>
        </message>
        <message>
            <source>Fingerprint compared with the centre by phone</source>
            <translation>Empreinte comparée avec le centre par téléphone</translation>
        </message>
        <message>
            <source>&amp;Register</source>
            <translation>&amp;Enregistrer</translation>
        </message>
        <message>
            <source>Centre: %1. Key made on %2.</source>
            <translation>Centre : %1. Clé créée le %2.</translation>
        </message>
        <message>
            <source>The centre's public key file</source>
            <translation>Le fichier de clé publique du centre</translation>
        </message>
        <message>
            <source>cmlentry key files (*.cmlkey);;All files (*)</source>
            <translation>Fichiers de clé cmlentry (*.cmlkey);;Tous les fichiers (*)</translation>
        </message>
    </context>
    <context>
        <name>RegistrationsPlot</name>
        <message>
            <source>Patients registered over time</source>
            <translation>Inclusions de patients au fil du temps</translation>
        </message>
        <message>
            <source>No patient has been registered yet.</source>
            <translation>Aucun patient n’a encore été inclus.</translation>
        </message>
        <message>
            <source>Patients registered by month</source>
            <translation>Patients inclus par mois</translation>
        </message>
        <message>
            <source>Cumulative</source>
            <translation>Cumul</translation>
        </message>
        <message>
            <source>Per month</source>
            <translation>Par mois</translation>
        </message>
        <message>
            <source>Patients registered: %1 from %2 to %3; the most in one month: %4 (%5).</source>
            <translation>Patients inclus : %1 de %2 à %3 ; le plus en un mois : %4 (%5).</translation>
        </message>
    </context>
    <context>
        <name>RegistryActions</name>
        <message>
            <source>&amp;Register centre…</source>
            <translation>&amp;Enregistrer un centre…</translation>
        </message>
        <message>
            <source>Register a centre from the public key file its site sent you</source>
            <translation>Enregistrer un centre à partir du fichier de clé publique que son site vous a envoyé</translation>
        </message>
        <message>
            <source>&amp;Import batches…</source>
            <translation>&amp;Importer des lots…</translation>
        </message>
        <message>
            <source>Import batch files (.cmlbatch); each goes in whole or not at all (Ctrl+O)</source>
            <translation>Importer des fichiers de lot (.cmlbatch) ; chacun est importé en entier ou pas du tout (Ctrl+O)</translation>
        </message>
        <message>
            <source>&amp;Export registry key…</source>
            <translation>E&amp;xporter la clé du registre…</translation>
        </message>
        <message>
            <source>Write the registry's public key file, to send to the sites</source>
            <translation>Écrire le fichier de clé publique du registre, à envoyer aux sites</translation>
        </message>
        <message>
            <source>C&amp;onflicting versions…</source>
            <translation>Versions en c&amp;onflit…</translation>
        </message>
        <message>
            <source>Case versions a centre sent that were kept but not applied; take the centre's version once you have spoken with it</source>
            <translation>Versions de dossier envoyées par un centre, conservées mais non appliquées ; retenez la version du centre après lui avoir parlé</translation>
        </message>
        <message>
            <source>&amp;Raise query…</source>
            <translation>&amp;Demander une clarification…</translation>
        </message>
        <message>
            <source>Ask a centre about one answer of a case the registry holds (Ctrl+Shift+N)</source>
            <translation>Interroger un centre sur une réponse d’un dossier que détient le registre (Ctrl+Maj+N)</translation>
        </message>
        <message>
            <source>&amp;Send queries to a centre…</source>
            <translation>&amp;Envoyer les clarifications à un centre…</translation>
        </message>
        <message>
            <source>Write a centre's latest acknowledgement again with the registry's queries as they are now, to send it to the centre</source>
            <translation>Écrire à nouveau le dernier accusé de réception d’un centre avec les demandes de clarification du registre dans leur état actuel, pour l’envoyer au centre</translation>
        </message>
        <message>
            <source>Show the &amp;queries</source>
            <translation>Afficher les c&amp;larifications</translation>
        </message>
        <message>
            <source>The registry's queries and the sites' answers (Ctrl+2)</source>
            <translation>Les demandes de clarification du registre et les réponses des sites (Ctrl+2)</translation>
        </message>
        <message>
            <source>Show the &amp;centres and batches</source>
            <translation>Afficher les &amp;centres et les lots</translation>
        </message>
        <message>
            <source>The centres, the batch import and its report (Ctrl+1)</source>
            <translation>Les centres, l’import des lots et son rapport (Ctrl+1)</translation>
        </message>
        <message>
            <source>Show the &amp;reports</source>
            <translation>Afficher les &amp;rapports</translation>
        </message>
        <message>
            <source>The registry report, its pictures and its exports (Ctrl+3)</source>
            <translation>Le rapport du registre, ses images et ses exports (Ctrl+3)</translation>
        </message>
        <message>
            <source>&amp;Update report</source>
            <translation>&amp;Mettre à jour le rapport</translation>
        </message>
        <message>
            <source>Make the registry report again with the options chosen (Ctrl+U)</source>
            <translation>Établir à nouveau le rapport du registre avec les options choisies (Ctrl+U)</translation>
        </message>
        <message>
            <source>Export to &amp;Excel…</source>
            <translation>Exporter vers &amp;Excel…</translation>
        </message>
        <message>
            <source>The report, its charts, the listings and the codebook in a workbook (Ctrl+E)</source>
            <translation>Le rapport, ses graphiques, les listages et le dictionnaire des variables dans un classeur (Ctrl+E)</translation>
        </message>
        <message>
            <source>Export to &amp;CSV…</source>
            <translation>Exporter en &amp;CSV…</translation>
        </message>
        <message>
            <source>One CSV file per form and repeating group, and the codebook</source>
            <translation>Un fichier CSV par formulaire et par groupe répétable, et le dictionnaire des variables</translation>
        </message>
        <message>
            <source>Export to CDISC &amp;ODM…</source>
            <translation>Exporter en CDISC &amp;ODM…</translation>
        </message>
        <message>
            <source>The registry's current data as one CDISC ODM 1.3.2 file</source>
            <translation>Les données actuelles du registre dans un seul fichier CDISC ODM 1.3.2</translation>
        </message>
        <message>
            <source>Re&amp;fresh</source>
            <translation>Ac&amp;tualiser</translation>
        </message>
        <message>
            <source>Read again (F5)</source>
            <translation>Relire les données (F5)</translation>
        </message>
        <message>
            <source>&amp;Lock</source>
            <translation>&amp;Verrouiller</translation>
        </message>
        <message>
            <source>Hide the data until your password is given again (Ctrl+L)</source>
            <translation>Masquer les données jusqu’à ce que votre mot de passe soit saisi à nouveau (Ctrl+L)</translation>
        </message>
        <message>
            <source>Sign &amp;out</source>
            <translation>Se &amp;déconnecter</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quitter</translation>
        </message>
        <message>
            <source>&amp;Registry</source>
            <translation>&amp;Registre</translation>
        </message>
        <message>
            <source>&amp;Queries</source>
            <translation>&amp;Clarifications</translation>
        </message>
        <message>
            <source>R&amp;eports</source>
            <translation>Ra&amp;pports</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Affichage</translation>
        </message>
        <message>
            <source>Registry tools</source>
            <translation>Barre d’outils du registre</translation>
        </message>
    </context>
    <context>
        <name>RegistryKeyPage</name>
        <message>
            <source>The registry's key</source>
            <translation>La clé du registre</translation>
        </message>
        <message>
            <source>Batches are encrypted to the registry's public key, so only it can read them.</source>
            <translation>Les lots sont chiffrés avec la clé publique du registre : lui seul peut les lire.</translation>
        </message>
        <message>
            <source>I &amp;have the registry's key file (.cmlkey)</source>
            <translation>J’&amp;ai le fichier de clé du registre (.cmlkey)</translation>
        </message>
        <message>
            <source>I will add it &amp;later</source>
            <translation>Je l’ajouterai &amp;plus tard</translation>
        </message>
        <message>
            <source>Key file</source>
            <translation>Fichier de clé</translation>
        </message>
        <message>
            <source>C&amp;hoose file…</source>
            <translation>C&amp;hoisir le fichier…</translation>
        </message>
        <message>
            <source>Fingerprint of the registry's key</source>
            <translation>Empreinte de la clé du registre</translation>
        </message>
        <message>
            <source>Call the registry coordinator and read this fingerprint aloud, group by group. Trust the key only if every group matches what they read back: a key file sent by e-mail could have been replaced on the way.</source>
            <translation>Appelez le coordinateur du registre et lisez-lui cette empreinte à voix haute, groupe par groupe. Ne faites confiance à la clé que si chaque groupe correspond à ce qu’il vous relit : un fichier de clé envoyé par courriel a pu être remplacé en chemin.</translation>
        </message>
        <message>
            <source>I &amp;compared the fingerprint with the registry coordinator: it matches</source>
            <translation>J’ai &amp;comparé l’empreinte avec le coordinateur du registre : elle correspond</translation>
        </message>
        <message>
            <source>Without it, cases can be entered and signed but no batch can be exported. An administrator adds it later with the command 'cmlentry keys trust-registry FILE'.</source>
            <translation>Sans elle, les dossiers peuvent être saisis et signés mais aucun lot ne peut être exporté. Un administrateur l’ajoute plus tard avec la commande « cmlentry keys trust-registry FICHIER ».</translation>
        </message>
        <message>
            <source>Key &amp;file:</source>
            <translation>&amp;Fichier de clé :</translation>
        </message>
        <message>
            <source>Owner: {owner}. Made on {date}.</source>
            <translation>Propriétaire : {owner}. Créée le {date}.</translation>
        </message>
        <message>
            <source>The registry's public key file</source>
            <translation>Le fichier de clé publique du registre</translation>
        </message>
        <message>
            <source>cmlentry key files (*.cmlkey);;All files (*)</source>
            <translation>Fichiers de clé cmlentry (*.cmlkey);;Tous les fichiers (*)</translation>
        </message>
    </context>
    <context>
        <name>RegistryKeys</name>
        <message>
            <source>Export the registry's public key</source>
            <translation>Exporter la clé publique du registre</translation>
        </message>
        <message>
            <source>cmlentry key files (*.cmlkey)</source>
            <translation>Fichiers de clé cmlentry (*.cmlkey)</translation>
        </message>
        <message>
            <source>Registry key exported</source>
            <translation>Clé du registre exportée</translation>
        </message>
        <message>
            <source>The registry's public key was written to %1. Send it to the sites, and read them its fingerprint by phone when they add it:

%2</source>
            <translation>La clé publique du registre a été écrite dans %1. Envoyez-la aux sites, et lisez-leur son empreinte par téléphone quand ils l’ajoutent :

%2</translation>
        </message>
    </context>
    <context>
        <name>RegistryQueries</name>
        <message numerus="yes">
            <source>Queries (%n to close)</source>
            <translation>
                <numerusform>Clarifications (%n à clôturer)</numerusform>
                <numerusform>Clarifications (%n à clôturer)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Queries (%n waiting)</source>
            <translation>
                <numerusform>Clarifications (%n en attente)</numerusform>
                <numerusform>Clarifications (%n en attente)</numerusform>
            </translation>
        </message>
        <message>
            <source>Queries</source>
            <translation>Clarifications</translation>
        </message>
        <message>
            <source>Query %1 raised on case %2. It reaches centre %3 with its next acknowledgement, or now with “Send to the centre…”.</source>
            <translation>Demande de clarification %1 émise sur le dossier %2. Elle parviendra au centre %3 avec son prochain accusé de réception, ou dès maintenant avec « Envoyer au centre… ».</translation>
        </message>
        <message>
            <source>Close a query</source>
            <translation>Clôturer une demande de clarification</translation>
        </message>
        <message>
            <source>Close this query: the answer of centre %1 settles it. The site sees it closed with the next acknowledgement. A note is optional.</source>
            <translation>Clôturer cette demande de clarification : la réponse du centre %1 règle la question. Le site la verra clôturée avec le prochain accusé de réception. La note est facultative.</translation>
        </message>
        <message>
            <source>&amp;Note:</source>
            <translation>&amp;Note :</translation>
        </message>
        <message>
            <source>Close the query</source>
            <translation>Clôturer la demande</translation>
        </message>
        <message>
            <source>Cancel a query</source>
            <translation>Annuler une demande de clarification</translation>
        </message>
        <message>
            <source>Cancel this query (it was raised by mistake or no longer applies). Say why: centre %1 reads it with the next acknowledgement.</source>
            <translation>Annuler cette demande de clarification (émise par erreur ou devenue sans objet). Indiquez pourquoi : le centre %1 le lira avec le prochain accusé de réception.</translation>
        </message>
        <message>
            <source>&amp;Why:</source>
            <translation>&amp;Motif :</translation>
        </message>
        <message>
            <source>Cancel the query</source>
            <translation>Annuler la demande</translation>
        </message>
        <message>
            <source>Query %1 on case %2 cancelled. Centre %3 reads it with the next acknowledgement, or now with “Send to the centre…”.</source>
            <translation>Demande de clarification %1 sur le dossier %2 annulée. Le centre %3 l’apprendra avec le prochain accusé de réception, ou dès maintenant avec « Envoyer au centre… ».</translation>
        </message>
        <message>
            <source>Query %1 on case %2 closed. Centre %3 reads it with the next acknowledgement, or now with “Send to the centre…”.</source>
            <translation>Demande de clarification %1 sur le dossier %2 clôturée. Le centre %3 l’apprendra avec le prochain accusé de réception, ou dès maintenant avec « Envoyer au centre… ».</translation>
        </message>
        <message>
            <source>Where should the acknowledgement for %1 be written?</source>
            <translation>Où écrire l’accusé de réception destiné à %1 ?</translation>
        </message>
        <message>
            <source>Send queries to a centre</source>
            <translation>Envoyer les clarifications à un centre</translation>
        </message>
        <message>
            <source>No centre is registered yet, so there is nobody to send queries to.</source>
            <translation>Aucun centre n’est encore enregistré : il n’y a donc personne à qui envoyer des demandes de clarification.</translation>
        </message>
        <message>
            <source>Which centre should get the registry's queries now?</source>
            <translation>Quel centre doit recevoir maintenant les demandes de clarification du registre ?</translation>
        </message>
        <message>
            <source>Writing the queries for %1</source>
            <translation>Écriture des demandes de clarification pour %1</translation>
        </message>
        <message>
            <source>The acknowledgement for %1 was written again, with the registry's queries as they are now, to:
%2

Send this file to the centre; its site reads it with “Read acknowledgement…”.</source>
            <translation>L’accusé de réception destiné à %1 a été écrit à nouveau, avec les demandes de clarification du registre dans leur état actuel, dans :
%2

Envoyez ce fichier au centre ; son site le lit avec « Lire un accusé de réception… ».</translation>
        </message>
        <message numerus="yes">
            <source>It carries %n query(ies) from the registry still open or answered.</source>
            <translation>
                <numerusform>Il contient %n demande de clarification du registre encore ouverte ou avec réponse.</numerusform>
                <numerusform>Il contient %n demandes de clarification du registre encore ouvertes ou avec réponse.</numerusform>
            </translation>
        </message>
        <message>
            <source>Queries written</source>
            <translation>Demandes de clarification écrites</translation>
        </message>
    </context>
    <context>
        <name>RegistryWindow</name>
        <message>
            <source>cmlentry — registry</source>
            <translation>cmlentry — registre</translation>
        </message>
        <message>
            <source>Centres and batches</source>
            <translation>Centres et lots</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>Rapports</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>Opening the registry database…</source>
            <translation>Ouverture de la base de données du registre…</translation>
        </message>
        <message>
            <source>Opening the registry database</source>
            <translation>Ouverture de la base de données du registre</translation>
        </message>
        <message>
            <source>cmlentry — registry — %1</source>
            <translation>cmlentry — registre — %1</translation>
        </message>
        <message>
            <source>Registry database: %1</source>
            <translation>Base de données du registre : %1</translation>
        </message>
        <message>
            <source>The registry database is not open. %1 Press F5 to try again.</source>
            <translation>La base de données du registre n’est pas ouverte. %1 Appuyez sur F5 pour réessayer.</translation>
        </message>
        <message>
            <source>Nothing was imported: choose a folder for the acknowledgements first.</source>
            <translation>Rien n’a été importé : choisissez d’abord un dossier pour les accusés de réception.</translation>
        </message>
        <message numerus="yes">
            <source>Importing %n batch file(s)…</source>
            <translation>
                <numerusform>Import de %n fichier de lot…</numerusform>
                <numerusform>Import de %n fichiers de lot…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Importing %n batch file(s)</source>
            <translation>
                <numerusform>Import de %n fichier de lot</numerusform>
                <numerusform>Import de %n fichiers de lot</numerusform>
            </translation>
        </message>
        <message>
            <source>Centre %1 registered.</source>
            <translation>Centre %1 enregistré.</translation>
        </message>
    </context>
    <context>
        <name>RejectedTableModel</name>
        <message>
            <source>Registry ID</source>
            <translation>Identifiant registre</translation>
        </message>
        <message>
            <source>Revision sent</source>
            <translation>Révision envoyée</translation>
        </message>
        <message>
            <source>Why the registry rejected it</source>
            <translation>Motif du rejet par le registre</translation>
        </message>
        <message>
            <source>no reason given</source>
            <translation>aucun motif indiqué</translation>
        </message>
    </context>
    <context>
        <name>RepeatingGroupModel</name>
        <message>
            <source>calculated</source>
            <translation>calculé</translation>
        </message>
        <message>
            <source>Does not apply to this row</source>
            <translation>Ne s’applique pas à cette ligne</translation>
        </message>
    </context>
    <context>
        <name>RepeatingGroupWidget</name>
        <message>
            <source>One row per entry. Insert adds a row; Enter or typing edits a cell.</source>
            <translation>Une ligne par élément. Inser ajoute une ligne ; Entrée ou la saisie modifie une cellule.</translation>
        </message>
        <message>
            <source>&amp;Add row</source>
            <translation>&amp;Ajouter une ligne</translation>
        </message>
        <message>
            <source>Add a row (Insert or Ctrl+Shift+=)</source>
            <translation>Ajouter une ligne (Inser ou Ctrl+Maj+=)</translation>
        </message>
        <message>
            <source>Remove row</source>
            <translation>Supprimer la ligne</translation>
        </message>
        <message>
            <source>Remove the current row (Ctrl+Delete)</source>
            <translation>Supprimer la ligne en cours (Ctrl+Suppr)</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Historique</translation>
        </message>
        <message>
            <source>History of the current cell (Ctrl+H)</source>
            <translation>Historique de la cellule en cours (Ctrl+H)</translation>
        </message>
        <message>
            <source>&amp;History… (Ctrl+H)</source>
            <translation>&amp;Historique… (Ctrl+H)</translation>
        </message>
        <message>
            <source>&amp;Remove row (Ctrl+Delete)</source>
            <translation>&amp;Supprimer la ligne (Ctrl+Suppr)</translation>
        </message>
        <message>
            <source>row %1: </source>
            <translation>ligne %1 : </translation>
        </message>
    </context>
    <context>
        <name>ReportDashboard</name>
        <message>
            <source>Report pages</source>
            <translation>Pages du rapport</translation>
        </message>
        <message>
            <source>&amp;Update report</source>
            <translation>&amp;Mettre à jour le rapport</translation>
        </message>
        <message>
            <source>Make the report again from the registry's data, with the options above</source>
            <translation>Établir à nouveau le rapport à partir des données du registre, avec les options ci-dessus</translation>
        </message>
        <message>
            <source>E&amp;xcel…</source>
            <translation>E&amp;xcel…</translation>
        </message>
        <message>
            <source>The report, its charts, one listing per form and the codebook, in a workbook</source>
            <translation>Le rapport, ses graphiques, un listage par formulaire et le dictionnaire des variables, dans un classeur</translation>
        </message>
        <message>
            <source>C&amp;SV…</source>
            <translation>C&amp;SV…</translation>
        </message>
        <message>
            <source>One CSV file per form and repeating group, and the codebook</source>
            <translation>Un fichier CSV par formulaire et par groupe répétable, et le dictionnaire des variables</translation>
        </message>
        <message>
            <source>O&amp;DM…</source>
            <translation>O&amp;DM…</translation>
        </message>
        <message>
            <source>The registry's current data as one CDISC ODM 1.3.2 file</source>
            <translation>Les données actuelles du registre dans un seul fichier CDISC ODM 1.3.2</translation>
        </message>
        <message>
            <source>Export:</source>
            <translation>Exporter :</translation>
        </message>
        <message>
            <source>Making the registry report</source>
            <translation>Préparation du rapport du registre</translation>
        </message>
        <message>
            <source>Picture saved to %1.</source>
            <translation>Image enregistrée dans %1.</translation>
        </message>
        <message>
            <source>The registry database is not open yet.</source>
            <translation>La base de données du registre n’est pas encore ouverte.</translation>
        </message>
        <message>
            <source>Making the report…</source>
            <translation>Préparation du rapport…</translation>
        </message>
        <message>
            <source>Press “Update report” to make the report from the registry's data.</source>
            <translation>Appuyez sur « Mettre à jour le rapport » pour établir le rapport à partir des données du registre.</translation>
        </message>
        <message numerus="yes">
            <source>Report made at %1 (UTC) over %n patient(s).</source>
            <translation>
                <numerusform>Rapport établi le %1 (UTC) sur %n patient.</numerusform>
                <numerusform>Rapport établi le %1 (UTC) sur %n patients.</numerusform>
            </translation>
        </message>
        <message>
            <source>Making the report again…</source>
            <translation>Nouvelle préparation du rapport…</translation>
        </message>
        <message>
            <source>The figures below were made with other options than those chosen above. Press “Update report” to see the figures for these options.</source>
            <translation>Les chiffres ci-dessous ont été établis avec d’autres options que celles choisies ci-dessus. Appuyez sur « Mettre à jour le rapport » pour voir les chiffres correspondant à ces options.</translation>
        </message>
        <message>
            <source>Batches were imported after this report was made. Press “Update report” to count them.</source>
            <translation>Des lots ont été importés après l’établissement de ce rapport. Appuyez sur « Mettre à jour le rapport » pour les compter.</translation>
        </message>
    </context>
    <context>
        <name>ReportExports</name>
        <message>
            <source>Export the report to Excel</source>
            <translation>Exporter le rapport vers Excel</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Classeurs Excel (*.xlsx)</translation>
        </message>
        <message>
            <source>Folder to hold the CSV folder</source>
            <translation>Dossier où créer le dossier des fichiers CSV</translation>
        </message>
        <message>
            <source>Export the registry's data as CDISC ODM</source>
            <translation>Exporter les données du registre en CDISC ODM</translation>
        </message>
        <message>
            <source>CDISC ODM files (*.xml)</source>
            <translation>Fichiers CDISC ODM (*.xml)</translation>
        </message>
        <message>
            <source>Excel workbook written</source>
            <translation>Classeur Excel écrit</translation>
        </message>
        <message>
            <source>%1 was written: %2 cases, %3 sheets (report, charts, one listing per form, codebook).</source>
            <translation>%1 a été écrit : %2 dossiers, %3 feuilles (rapport, graphiques, un listage par formulaire, dictionnaire des variables).</translation>
        </message>
        <message>
            <source>Writing the Excel workbook</source>
            <translation>Écriture du classeur Excel</translation>
        </message>
        <message>
            <source>CSV files written</source>
            <translation>Fichiers CSV écrits</translation>
        </message>
        <message>
            <source>%1 files were written to %2 for %3 cases (the codebook describes them).</source>
            <translation>%1 fichiers ont été écrits dans %2 pour %3 dossiers (le dictionnaire des variables les décrit).</translation>
        </message>
        <message>
            <source>Writing the CSV files</source>
            <translation>Écriture des fichiers CSV</translation>
        </message>
        <message>
            <source>ODM file written</source>
            <translation>Fichier ODM écrit</translation>
        </message>
        <message>
            <source>%1 was written: %2 cases from %3 centres, %4 signed by their PI, %5 queries.</source>
            <translation>%1 a été écrit : %2 dossiers de %3 centres, %4 signés par leur investigateur principal, %5 demandes de clarification.</translation>
        </message>
        <message>
            <source>Writing the ODM file</source>
            <translation>Écriture du fichier ODM</translation>
        </message>
        <message>
            <source>Only centre %1, as chosen above the report.</source>
            <translation>Seulement le centre %1, comme choisi au-dessus du rapport.</translation>
        </message>
        <message numerus="yes">
            <source>%n text(s) that a spreadsheet would run as a formula are kept as text.</source>
            <translation>
                <numerusform>%n texte qu’un tableur exécuterait comme une formule est conservé comme texte.</numerusform>
                <numerusform>%n textes qu’un tableur exécuterait comme des formules sont conservés comme texte.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n character(s) a file cannot carry were replaced by �.</source>
            <translation>
                <numerusform>%n caractère qu’un fichier ne peut pas contenir a été remplacé par �.</numerusform>
                <numerusform>%n caractères qu’un fichier ne peut pas contenir ont été remplacés par �.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n text(s) longer than an Excel cell holds were cut and end in “…”.</source>
            <translation>
                <numerusform>%n texte trop long pour une cellule Excel a été tronqué et se termine par « … ».</numerusform>
                <numerusform>%n textes trop longs pour une cellule Excel ont été tronqués et se terminent par « … ».</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReportOptionsBar</name>
        <message>
            <source>All centres</source>
            <translation>Tous les centres</translation>
        </message>
        <message>
            <source>Censor at allogeneic &amp;transplant</source>
            <translation>Censurer à l’allo&amp;greffe de cellules souches</translation>
        </message>
        <message>
            <source>&amp;Centres:</source>
            <translation>C&amp;entres :</translation>
        </message>
        <message>
            <source>Events ending &amp;PFS:</source>
            <translation>É&amp;vénements mettant fin à la SSP :</translation>
        </message>
        <message>
            <source>Time &amp;origin:</source>
            <translation>Date d’&amp;origine :</translation>
        </message>
        <message>
            <source>95 % &amp;interval:</source>
            <translation>&amp;IC à 95 % :</translation>
        </message>
    </context>
    <context>
        <name>ReportPage</name>
        <message>
            <source>none to count</source>
            <translation>rien à compter</translation>
        </message>
        <message>
            <source>%1 of %2 (%3)</source>
            <translation>%1 sur %2 (%3)</translation>
        </message>
        <message>
            <source>%1 (%2–%3)</source>
            <translation>%1 (%2–%3)</translation>
        </message>
        <message>
            <source>(beyond the longest follow-up)</source>
            <translation>(au-delà du suivi le plus long)</translation>
        </message>
        <message>
            <source>Events: %1. Time from: %2. 95 % CI: %3.</source>
            <translation>Événements : %1. Origine : %2. IC à 95 % : %3.</translation>
        </message>
        <message>
            <source>Censored at allogeneic transplant.</source>
            <translation>Censure à l’allogreffe de cellules souches.</translation>
        </message>
        <message>
            <source>Not counted: %1.</source>
            <translation>Non comptés : %1.</translation>
        </message>
        <message>
            <source>%1: left out %2.</source>
            <translation>%1 : exclus %2.</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>Réponse</translation>
        </message>
        <message>
            <source>Patients</source>
            <translation>Patients</translation>
        </message>
        <message>
            <source>% of all</source>
            <translation>% de l’ensemble</translation>
        </message>
        <message>
            <source>% with an answer</source>
            <translation>% avec réponse</translation>
        </message>
    </context>
    <context>
        <name>ResultPage</name>
        <message>
            <source>Batch file</source>
            <translation>Fichier du lot</translation>
        </message>
        <message>
            <source>&amp;Open the folder</source>
            <translation>&amp;Ouvrir le dossier</translation>
        </message>
        <message>
            <source>&amp;Write again…</source>
            <translation>Écrire à &amp;nouveau…</translation>
        </message>
        <message>
            <source>Write the same batch file to another folder</source>
            <translation>Écrire le même fichier de lot dans un autre dossier</translation>
        </message>
        <message numerus="yes">
            <source>%n case(s)</source>
            <translation>
                <numerusform>%n dossier</numerusform>
                <numerusform>%n dossiers</numerusform>
            </translation>
        </message>
        <message>
            <source>Batch %1 is made</source>
            <translation>Le lot %1 est créé</translation>
        </message>
        <message>
            <source>Batch %1 holds %2. Its file is:</source>
            <translation>Le lot %1 contient %2. Son fichier est :</translation>
        </message>
        <message>
            <source>Batch %1 is made but not written</source>
            <translation>Le lot %1 est créé mais pas écrit</translation>
        </message>
        <message>
            <source>Batch %1 holds %2 and is kept in the workspace, but its file could not be written to %3. Choose another folder with “Write again…”; nothing is lost.</source>
            <translation>Le lot %1 contient %2 et il est conservé dans l’espace de travail, mais son fichier n’a pas pu être écrit dans %3. Choisissez un autre dossier avec « Écrire à nouveau… » ; rien n’est perdu.</translation>
        </message>
        <message>
            <source>Next: send the file to the registry, by e-mail or on a USB stick. When the registry's acknowledgement (a .cmlack file) comes back, read it with “Read an acknowledgement…”: the cases it accepts are then marked acknowledged. Until then, “Batches…” lists this batch and writes its file again if it is lost.</source>
            <translation>Ensuite : envoyez le fichier au registre, par courriel ou sur une clé USB. Quand l’accusé de réception du registre (un fichier .cmlack) vous revient, lisez-le avec « Lire un accusé de réception… » : les dossiers qu’il accepte sont alors marqués « Reçu par le registre ». D’ici là, « Lots… » affiche ce lot et écrit à nouveau son fichier s’il est perdu.</translation>
        </message>
        <message>
            <source>Write the batch to another folder</source>
            <translation>Écrire le lot dans un autre dossier</translation>
        </message>
        <message>
            <source>Writing batch %1</source>
            <translation>Écriture du lot %1</translation>
        </message>
    </context>
    <context>
        <name>ReviewDetailPane</name>
        <message>
            <source>Choose a case to see what changed, its queries and its signatures.</source>
            <translation>Choisissez un dossier pour voir ses modifications, ses demandes de clarification et ses signatures.</translation>
        </message>
        <message>
            <source>Changes</source>
            <translation>Modifications</translation>
        </message>
        <message>
            <source>Queries</source>
            <translation>Clarifications</translation>
        </message>
        <message>
            <source>Signatures</source>
            <translation>Signatures</translation>
        </message>
        <message>
            <source>Changes since the last signature (%1)</source>
            <translation>Modifications depuis la dernière signature (%1)</translation>
        </message>
        <message>
            <source>All changes since the case was created (%1)</source>
            <translation>Toutes les modifications depuis la création du dossier (%1)</translation>
        </message>
        <message>
            <source>This case was never signed: every change since it was created is listed here.</source>
            <translation>Ce dossier n’a jamais été signé : toutes les modifications depuis sa création sont listées ici.</translation>
        </message>
        <message>
            <source>Queries (%1 unresolved of %2)</source>
            <translation>Clarifications (%1 non résolues sur %2)</translation>
        </message>
        <message>
            <source>Signatures (%1)</source>
            <translation>Signatures (%1)</translation>
        </message>
    </context>
    <context>
        <name>ReviewDialog</name>
        <message>
            <source>Review and sign</source>
            <translation>Relecture et signature</translation>
        </message>
        <message>
            <source>Reading the cases…</source>
            <translation>Lecture des dossiers…</translation>
        </message>
        <message>
            <source>&amp;Open case</source>
            <translation>&amp;Ouvrir le dossier</translation>
        </message>
        <message>
            <source>Close this window and open the case in the editor</source>
            <translation>Fermer cette fenêtre et ouvrir le dossier dans l’éditeur</translation>
        </message>
        <message>
            <source>&amp;Sign…</source>
            <translation>&amp;Signer…</translation>
        </message>
        <message>
            <source>Sign the chosen case with your user name and password</source>
            <translation>Signer le dossier choisi avec votre nom d’utilisateur et votre mot de passe</translation>
        </message>
        <message>
            <source>&amp;Unlock…</source>
            <translation>&amp;Déverrouiller…</translation>
        </message>
        <message>
            <source>Unlock the chosen signed case with a reason; its signature is dropped</source>
            <translation>Déverrouiller le dossier signé choisi en indiquant un motif ; sa signature est retirée</translation>
        </message>
        <message>
            <source>Reading the review queue</source>
            <translation>Lecture des dossiers à relire</translation>
        </message>
        <message>
            <source>%1 %2</source>
            <comment>two sentences, one after the other</comment>
            <translation>%1 %2</translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) wait for your signature.</source>
            <translation>
                <numerusform>%n dossier attend votre signature.</numerusform>
                <numerusform>%n dossiers attendent votre signature.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n can be signed now.</source>
            <translation>
                <numerusform>%n peut être signé dès maintenant.</numerusform>
                <numerusform>%n peuvent être signés dès maintenant.</numerusform>
            </translation>
        </message>
        <message>
            <source>No complete case waits for a signature.</source>
            <translation>Aucun dossier complet n’attend de signature.</translation>
        </message>
        <message>
            <source>none</source>
            <translation>aucune</translation>
        </message>
        <message>
            <source>queries: %1</source>
            <translation>clarifications : %1</translation>
        </message>
        <message>
            <source>Locked: to change it, unlock it with a reason (Unlock…).</source>
            <translation>Verrouillé : pour le modifier, déverrouillez-le en indiquant un motif (Déverrouiller…).</translation>
        </message>
        <message>
            <source>To sign (%1)</source>
            <translation>À signer (%1)</translation>
        </message>
        <message>
            <source>Signed (%1)</source>
            <translation>Signés (%1)</translation>
        </message>
    </context>
    <context>
        <name>ReviewPrompts</name>
        <message>
            <source>Raise a query on %1 (now: %2). The site answers it; you close it once the answer settles it.</source>
            <translation>Émettre une demande de clarification sur %1 (valeur actuelle : %2). Le site y répond ; vous la clôturez quand la réponse règle la question.</translation>
        </message>
        <message>
            <source>Raise a query on %1 (no answer yet). The site answers it; you close it once the answer settles it.</source>
            <translation>Émettre une demande de clarification sur %1 (pas encore de valeur). Le site y répond ; vous la clôturez quand la réponse règle la question.</translation>
        </message>
        <message>
            <source>Raise a query</source>
            <translation>Émettre une demande de clarification</translation>
        </message>
        <message>
            <source>&amp;Question:</source>
            <translation>&amp;Question :</translation>
        </message>
        <message>
            <source>Raise the query</source>
            <translation>Émettre la demande</translation>
        </message>
        <message>
            <source>Answer this query. If the value itself must change, correct it in the form too; the answer says what was checked.</source>
            <translation>Répondez à cette demande de clarification. Si la valeur elle-même doit changer, corrigez-la aussi dans le formulaire ; la réponse indique ce qui a été vérifié.</translation>
        </message>
        <message>
            <source>Answer a query</source>
            <translation>Répondre à une demande de clarification</translation>
        </message>
        <message>
            <source>&amp;Answer:</source>
            <translation>&amp;Réponse :</translation>
        </message>
        <message>
            <source>Send the answer</source>
            <translation>Envoyer la réponse</translation>
        </message>
        <message>
            <source>Close a query</source>
            <translation>Clôturer une demande de clarification</translation>
        </message>
        <message>
            <source>Close this query: it is settled. A note is optional.</source>
            <translation>Clôturer cette demande de clarification : la question est réglée. La note est facultative.</translation>
        </message>
        <message>
            <source>&amp;Note:</source>
            <translation>&amp;Note :</translation>
        </message>
        <message>
            <source>Close the query</source>
            <translation>Clôturer la demande</translation>
        </message>
        <message>
            <source>Cancel a query</source>
            <translation>Annuler une demande de clarification</translation>
        </message>
        <message>
            <source>Cancel this query (it was raised by mistake or no longer applies). Say why.</source>
            <translation>Annuler cette demande de clarification (émise par erreur ou devenue sans objet). Indiquez pourquoi.</translation>
        </message>
        <message>
            <source>&amp;Why:</source>
            <translation>&amp;Motif :</translation>
        </message>
        <message>
            <source>Cancel the query</source>
            <translation>Annuler la demande</translation>
        </message>
        <message>
            <source>Case %1 was signed by %2 on %3. Unlocking it drops this signature: the case must be signed again before it is sent. Give the reason; the audit trail keeps it.</source>
            <translation>Le dossier %1 a été signé par %2 le %3. Le déverrouiller retire cette signature : le dossier devra être signé à nouveau avant d’être envoyé. Indiquez le motif ; la piste d’audit le conserve.</translation>
        </message>
        <message>
            <source>Unlock a signed case</source>
            <translation>Déverrouiller un dossier signé</translation>
        </message>
        <message>
            <source>a query needs a correction</source>
            <translation>une demande de clarification nécessite une correction</translation>
        </message>
        <message>
            <source>source document updated after signing</source>
            <translation>document source mis à jour après la signature</translation>
        </message>
        <message>
            <source>transcription error found after signing</source>
            <translation>erreur de transcription découverte après la signature</translation>
        </message>
        <message>
            <source>Unlock the case</source>
            <translation>Déverrouiller le dossier</translation>
        </message>
        <message numerus="yes">
            <source>Mark the %n saved answer(s) of %1 not yet marked as verified against source? Do it only once you have compared each of them with the source documents.</source>
            <translation>
                <numerusform>%n réponse enregistrée de %1 n’est pas encore marquée vérifiée sur le document source. La marquer ? Ne le faites qu’après l’avoir comparée avec les documents sources.</numerusform>
                <numerusform>%n réponses enregistrées de %1 ne sont pas encore marquées vérifiées sur le document source. Les marquer ? Ne le faites qu’après avoir comparé chacune d’elles avec les documents sources.</numerusform>
            </translation>
        </message>
        <message>
            <source>Verify all answers on this form</source>
            <translation>Vérifier toutes les réponses de ce formulaire</translation>
        </message>
        <message>
            <source>Mark them verified</source>
            <translation>Marquer comme vérifiées</translation>
        </message>
        <message>
            <source>Not now</source>
            <translation>Pas maintenant</translation>
        </message>
    </context>
    <context>
        <name>ReviewQueueModel</name>
        <message>
            <source>Registry ID</source>
            <translation>Identifiant registre</translation>
        </message>
        <message>
            <source>Forms complete</source>
            <translation>Formulaires complets</translation>
        </message>
        <message>
            <source>Queries</source>
            <translation>Clarifications</translation>
        </message>
        <message>
            <source>Verified against source</source>
            <translation>Vérifiées sur source</translation>
        </message>
        <message>
            <source>Changes since last signature</source>
            <translation>Modifiées depuis la signature</translation>
        </message>
        <message>
            <source>Ready to sign</source>
            <translation>Prêt à signer</translation>
        </message>
        <message>
            <source>%1 of %2 verified</source>
            <translation>%1 sur %2 vérifiées</translation>
        </message>
        <message>
            <source>never signed</source>
            <translation>jamais signé</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>Prêt</translation>
        </message>
        <message numerus="yes">
            <source>%n error(s) to fix</source>
            <translation>
                <numerusform>%n erreur à corriger</numerusform>
                <numerusform>%n erreurs à corriger</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n query(ies) to answer or close</source>
            <translation>
                <numerusform>%n clarification à traiter</numerusform>
                <numerusform>%n clarifications à traiter</numerusform>
            </translation>
        </message>
        <message>
            <source>Not ready</source>
            <translation>Pas prêt</translation>
        </message>
        <message>
            <source>Ready to sign.</source>
            <translation>Prêt à signer.</translation>
        </message>
        <message numerus="yes">
            <source>Not ready to sign: %n error(s) to fix.</source>
            <translation>
                <numerusform>Pas prêt à signer : %n erreur à corriger.</numerusform>
                <numerusform>Pas prêt à signer : %n erreurs à corriger.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Not ready to sign: %n query(ies) to answer or close.</source>
            <translation>
                <numerusform>Pas prêt à signer : %n demande de clarification attend une réponse ou sa clôture.</numerusform>
                <numerusform>Pas prêt à signer : %n demandes de clarification attendent une réponse ou leur clôture.</numerusform>
            </translation>
        </message>
        <message>
            <source>Not ready to sign.</source>
            <translation>Pas prêt à signer.</translation>
        </message>
        <message numerus="yes">
            <source>%n open</source>
            <translation>
                <numerusform>%n ouverte</numerusform>
                <numerusform>%n ouvertes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answered</source>
            <translation>
                <numerusform>%n avec réponse</numerusform>
                <numerusform>%n avec réponse</numerusform>
            </translation>
        </message>
        <message>
            <source>none</source>
            <translation>aucune</translation>
        </message>
        <message>
            <source>%1 of %2 forms complete</source>
            <translation>Formulaires complets : %1 sur %2</translation>
        </message>
        <message>
            <source>%1 of %2 answers verified against source</source>
            <translation>réponses vérifiées sur le document source : %1 sur %2</translation>
        </message>
        <message>
            <source>queries: %1</source>
            <translation>clarifications : %1</translation>
        </message>
        <message numerus="yes">
            <source>%n answer(s) changed since the last signature</source>
            <translation>
                <numerusform>%n réponse modifiée depuis la dernière signature</numerusform>
                <numerusform>%n réponses modifiées depuis la dernière signature</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answer(s) changed since %1 signed on %2</source>
            <translation>
                <numerusform>%n réponse modifiée depuis la signature de %1 le %2</numerusform>
                <numerusform>%n réponses modifiées depuis la signature de %1 le %2</numerusform>
            </translation>
        </message>
        <message>
            <source>Never signed before: every answer is new to the review</source>
            <translation>Jamais signé : toutes les réponses sont nouvelles pour la relecture</translation>
        </message>
        <message>
            <source>Answers marked verified against the source documents: %1 of %2</source>
            <translation>Réponses marquées vérifiées sur les documents sources : %1 sur %2</translation>
        </message>
    </context>
    <context>
        <name>SaveReport</name>
        <message>
            <source>Not saved: %1</source>
            <translation>Non enregistré : %1</translation>
        </message>
    </context>
    <context>
        <name>SavedFormsTableModel</name>
        <message>
            <source>Registry ID</source>
            <translation>Identifiant registre</translation>
        </message>
        <message>
            <source>Form</source>
            <translation>Formulaire</translation>
        </message>
        <message>
            <source>Saved at</source>
            <translation>Enregistré à</translation>
        </message>
        <message>
            <source>Changes</source>
            <translation>Modifications</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s)</source>
            <translation>
                <numerusform>%n modification</numerusform>
                <numerusform>%n modifications</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SdvMark</name>
        <message>
            <source>Click to remove the mark (%1).</source>
            <translation>Cliquez pour retirer la marque (%1).</translation>
        </message>
        <message>
            <source>Click to mark it verified against source (%1).</source>
            <translation>Cliquez pour la marquer vérifiée sur le document source (%1).</translation>
        </message>
        <message>
            <source>Source verification of %1</source>
            <translation>Vérification sur le document source de %1</translation>
        </message>
        <message>
            <source>Not verified against source.</source>
            <translation>Non vérifiée sur le document source.</translation>
        </message>
        <message>
            <source>Verified against source by %1 on %2.</source>
            <translation>Vérifiée sur le document source par %1 le %2.</translation>
        </message>
    </context>
    <context>
        <name>SetupWizard</name>
        <message>
            <source>Set up cmlentry</source>
            <translation>Configurer cmlentry</translation>
        </message>
        <message>
            <source>Close without the recovery key?</source>
            <translation>Fermer sans la clé de secours ?</translation>
        </message>
        <message>
            <source>The workspace is made and kept. If you close now, this recovery key is not shown again; an administrator can make a new one later with the command 'cmlentry rotate-key --new-recovery-key'. Close anyway?</source>
            <translation>L’espace de travail est créé et conservé. Si vous fermez maintenant, cette clé de récupération ne sera plus affichée ; un administrateur pourra en créer une nouvelle plus tard avec la commande « cmlentry rotate-key --new-recovery-key ». Fermer quand même ?</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>&amp;Fermer</translation>
        </message>
        <message>
            <source>&amp;Stay and write it down</source>
            <translation>&amp;Rester et la recopier</translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Raccourcis clavier</translation>
        </message>
        <message>
            <source>Ctrl+N</source>
            <translation>Ctrl+N</translation>
        </message>
        <message>
            <source>Register a new patient</source>
            <translation>Inscrire un nouveau patient</translation>
        </message>
        <message>
            <source>Ctrl+F</source>
            <translation>Ctrl+F</translation>
        </message>
        <message>
            <source>Find a case in the list</source>
            <translation>Rechercher un dossier dans la liste</translation>
        </message>
        <message>
            <source>↓ then Enter</source>
            <translation>↓ puis Entrée</translation>
        </message>
        <message>
            <source>From the search to the list, then open the case</source>
            <translation>De la recherche à la liste, puis ouvrir le dossier</translation>
        </message>
        <message>
            <source>Enter / Tab</source>
            <translation>Entrée / Tab</translation>
        </message>
        <message>
            <source>Next field (a field left is saved)</source>
            <translation>Champ suivant (le champ quitté est enregistré)</translation>
        </message>
        <message>
            <source>Shift+Tab</source>
            <translation>Maj+Tab</translation>
        </message>
        <message>
            <source>Previous field</source>
            <translation>Champ précédent</translation>
        </message>
        <message>
            <source>Ctrl+PgDown / Ctrl+PgUp</source>
            <translation>Ctrl+Pg.Suiv / Ctrl+Pg.Préc</translation>
        </message>
        <message>
            <source>Next / previous form</source>
            <translation>Formulaire suivant / précédent</translation>
        </message>
        <message>
            <source>Insert / Ctrl+Delete</source>
            <translation>Inser / Ctrl+Suppr</translation>
        </message>
        <message>
            <source>Add / remove a table row</source>
            <translation>Ajouter / supprimer une ligne du tableau</translation>
        </message>
        <message>
            <source>Ctrl+S</source>
            <translation>Ctrl+S</translation>
        </message>
        <message>
            <source>Save the form now</source>
            <translation>Enregistrer le formulaire maintenant</translation>
        </message>
        <message>
            <source>Ctrl+H</source>
            <translation>Ctrl+H</translation>
        </message>
        <message>
            <source>History of the field you are in</source>
            <translation>Historique du champ en cours</translation>
        </message>
        <message>
            <source>Ctrl+I</source>
            <translation>Ctrl+I</translation>
        </message>
        <message>
            <source>Patient identity (local list only)</source>
            <translation>Identité du patient (liste locale uniquement)</translation>
        </message>
        <message>
            <source>Alt+Left</source>
            <translation>Alt+Gauche</translation>
        </message>
        <message>
            <source>Back to the case list</source>
            <translation>Retour à la liste des dossiers</translation>
        </message>
        <message>
            <source>Ctrl+Shift+V</source>
            <translation>Ctrl+Maj+V</translation>
        </message>
        <message>
            <source>Mark the answer you are in verified against source (PI)</source>
            <translation>Marquer la réponse en cours comme vérifiée sur le document source (investigateur principal)</translation>
        </message>
        <message>
            <source>Ctrl+R</source>
            <translation>Ctrl+R</translation>
        </message>
        <message>
            <source>Review and sign cases (PI)</source>
            <translation>Relire et signer les dossiers (investigateur principal)</translation>
        </message>
        <message>
            <source>Ctrl+P</source>
            <translation>Ctrl+P</translation>
        </message>
        <message>
            <source>Print the case summary (PDF)</source>
            <translation>Imprimer le résumé du dossier (PDF)</translation>
        </message>
        <message>
            <source>Ctrl+E</source>
            <translation>Ctrl+E</translation>
        </message>
        <message>
            <source>Export a batch for the registry (PI, administrator)</source>
            <translation>Exporter un lot pour le registre (investigateur principal, administrateur)</translation>
        </message>
        <message>
            <source>Ctrl+L</source>
            <translation>Ctrl+L</translation>
        </message>
        <message>
            <source>Lock the screen</source>
            <translation>Verrouiller l’écran</translation>
        </message>
        <message>
            <source>Ctrl+Q</source>
            <translation>Ctrl+Q</translation>
        </message>
        <message>
            <source>Quit (everything is saved first)</source>
            <translation>Quitter (tout est d’abord enregistré)</translation>
        </message>
    </context>
    <context>
        <name>SignDialog</name>
        <message>
            <source>Sign case %1</source>
            <translation>Signer le dossier %1</translation>
        </message>
        <message>
            <source>&amp;Sign</source>
            <translation>&amp;Signer</translation>
        </message>
        <message>
            <source>Your &amp;user name:</source>
            <translation>Votre nom d’&amp;utilisateur :</translation>
        </message>
        <message>
            <source>Your &amp;password:</source>
            <translation>Votre &amp;mot de passe :</translation>
        </message>
        <message>
            <source>Type both again: they are your signature.</source>
            <translation>Saisissez-les à nouveau tous les deux : ils constituent votre signature.</translation>
        </message>
        <message>
            <source>Case to sign</source>
            <translation>Dossier à signer</translation>
        </message>
        <message>
            <source>By signing this case you state:</source>
            <translation>En signant ce dossier, vous déclarez :</translation>
        </message>
        <message>
            <source>Meaning of the signature</source>
            <translation>Signification de la signature</translation>
        </message>
        <message>
            <source>Your printed name, the time (UTC) and a fingerprint of every answer are stored with the signature. The case is then locked: changing it later needs you to unlock it with a reason, which drops this signature.</source>
            <translation>Votre nom en toutes lettres, l’heure (UTC) et une empreinte de chaque réponse sont conservés avec la signature. Le dossier est alors verrouillé : pour le modifier plus tard, vous devrez le déverrouiller en indiquant un motif, ce qui retire cette signature.</translation>
        </message>
        <message>
            <source>Your user name</source>
            <translation>Votre nom d’utilisateur</translation>
        </message>
        <message>
            <source>Your password</source>
            <translation>Votre mot de passe</translation>
        </message>
        <message>
            <source>Why the case was not signed</source>
            <translation>Pourquoi le dossier n’a pas été signé</translation>
        </message>
        <message>
            <source>Checking your password</source>
            <translation>Vérification de votre mot de passe</translation>
        </message>
    </context>
    <context>
        <name>SignaturesDialog</name>
        <message>
            <source>Signatures of case %1</source>
            <translation>Signatures du dossier %1</translation>
        </message>
        <message>
            <source>Reading the signatures…</source>
            <translation>Lecture des signatures…</translation>
        </message>
        <message>
            <source>Signatures</source>
            <translation>Signatures</translation>
        </message>
        <message>
            <source>The chosen signature in full</source>
            <translation>La signature choisie en détail</translation>
        </message>
        <message>
            <source>Case %1 has never been signed.</source>
            <translation>Le dossier %1 n’a jamais été signé.</translation>
        </message>
        <message>
            <source>Case %1 is signed and locked; earlier signatures were dropped.</source>
            <translation>Le dossier %1 est signé et verrouillé ; les signatures précédentes ont été retirées.</translation>
        </message>
        <message>
            <source>Case %1 is signed and locked.</source>
            <translation>Le dossier %1 est signé et verrouillé.</translation>
        </message>
        <message>
            <source>Case %1 is not signed now; its signatures were dropped at unlocks.</source>
            <translation>Le dossier %1 n’est pas signé actuellement ; ses signatures ont été retirées lors de déverrouillages.</translation>
        </message>
    </context>
    <context>
        <name>SignaturesTableModel</name>
        <message>
            <source>Signed</source>
            <translation>Signée le</translation>
        </message>
        <message>
            <source>By</source>
            <translation>Par</translation>
        </message>
        <message>
            <source>Meaning</source>
            <translation>Signification</translation>
        </message>
        <message>
            <source>Current or dropped</source>
            <translation>En vigueur ou retirée</translation>
        </message>
        <message>
            <source>user name: %1</source>
            <translation>nom d’utilisateur : %1</translation>
        </message>
        <message>
            <source>Current: the case is locked</source>
            <translation>En vigueur : le dossier est verrouillé</translation>
        </message>
        <message>
            <source>Dropped on %1 by %2: %3</source>
            <translation>Retirée le %1 par %2 : %3</translation>
        </message>
    </context>
    <context>
        <name>SignedCasesModel</name>
        <message>
            <source>Registry ID</source>
            <translation>Identifiant registre</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Queries</source>
            <translation>Clarifications</translation>
        </message>
        <message>
            <source>Last change</source>
            <translation>Dernière modification</translation>
        </message>
        <message>
            <source>Signed</source>
            <translation>Signé</translation>
        </message>
        <message>
            <source>Signed and exported</source>
            <translation>Signé et exporté</translation>
        </message>
        <message>
            <source>Signed and acknowledged</source>
            <translation>Signé et reçu par le registre</translation>
        </message>
        <message numerus="yes">
            <source>%n open</source>
            <translation>
                <numerusform>%n ouverte</numerusform>
                <numerusform>%n ouvertes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answered</source>
            <translation>
                <numerusform>%n avec réponse</numerusform>
                <numerusform>%n avec réponse</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SitePage</name>
        <message>
            <source>Your site</source>
            <translation>Votre site</translation>
        </message>
        <message>
            <source>As the registry knows it: the registry gave your centre its code.</source>
            <translation>Tel que le registre le connaît : c’est le registre qui a attribué son code à votre centre.</translation>
        </message>
        <message>
            <source>Country</source>
            <translation>Pays</translation>
        </message>
        <message>
            <source>Centre code</source>
            <translation>Code du centre</translation>
        </message>
        <message>
            <source>Centre name</source>
            <translation>Nom du centre</translation>
        </message>
        <message>
            <source>C&amp;ountry:</source>
            <translation>&amp;Pays :</translation>
        </message>
        <message>
            <source>Centre c&amp;ode:</source>
            <translation>C&amp;ode du centre :</translation>
        </message>
        <message>
            <source>Centre &amp;name:</source>
            <translation>&amp;Nom du centre :</translation>
        </message>
    </context>
    <context>
        <name>StartFlow</name>
        <message>
            <source>Making a demo registry: five demo centres send their batches</source>
            <translation>Création d’un registre de démonstration : cinq centres de démonstration envoient leurs lots</translation>
        </message>
        <message>
            <source>Making a demo workspace of synthetic cases</source>
            <translation>Création d’un espace de démonstration avec des dossiers fictifs</translation>
        </message>
    </context>
    <context>
        <name>SurvivalPage</name>
        <message>
            <source>Progression-free survival</source>
            <translation>Survie sans progression (SSP)</translation>
        </message>
        <message>
            <source>PFS at the landmarks</source>
            <translation>SSP aux repères</translation>
        </message>
        <message>
            <source>By Sokal group: log-rank test</source>
            <translation>Par groupe de Sokal : test du log-rank</translation>
        </message>
        <message>
            <source>No patient has a progression-free survival time yet.</source>
            <translation>Aucun patient n’a encore de durée de survie sans progression.</translation>
        </message>
        <message>
            <source>All patients</source>
            <translation>Tous les patients</translation>
        </message>
        <message>
            <source>yes: carried forward</source>
            <translation>oui : valeur reportée</translation>
        </message>
        <message>
            <source>no</source>
            <translation>non</translation>
        </message>
        <message>
            <source>%1 patients, %2 events; median PFS %3.</source>
            <translation>%1 patients, %2 événements ; SSP médiane : %3.</translation>
        </message>
        <message>
            <source>not reached</source>
            <translation>non atteinte</translation>
        </message>
        <message>
            <source>%1 months</source>
            <translation>%1 mois</translation>
        </message>
        <message>
            <source>PFS</source>
            <translation>SSP</translation>
        </message>
        <message>
            <source>Months</source>
            <translation>Mois</translation>
        </message>
        <message>
            <source>Lower 95 %</source>
            <translation>Borne inf. IC 95 %</translation>
        </message>
        <message>
            <source>Upper 95 %</source>
            <translation>Borne sup. IC 95 %</translation>
        </message>
        <message>
            <source>Still followed</source>
            <translation>Encore suivis</translation>
        </message>
        <message>
            <source>Beyond follow-up</source>
            <translation>Au-delà du suivi</translation>
        </message>
        <message>
            <source>No patient has both a Sokal group and a PFS time.</source>
            <translation>Aucun patient n’a à la fois un groupe de Sokal et une durée de SSP.</translation>
        </message>
        <message>
            <source>Progression-free survival by Sokal group</source>
            <translation>Survie sans progression (SSP) par groupe de Sokal</translation>
        </message>
        <message>
            <source>No log-rank test: fewer than two Sokal groups have patients.</source>
            <translation>Pas de test du log-rank : moins de deux groupes de Sokal ont des patients.</translation>
        </message>
        <message>
            <source>χ² = %1, df = %2, p = %3.</source>
            <translation>χ² = %1 ; ddl = %2 ; p = %3.</translation>
        </message>
        <message>
            <source>Sokal group</source>
            <translation>Groupe de Sokal</translation>
        </message>
        <message>
            <source>Patients</source>
            <translation>Patients</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>Événements</translation>
        </message>
    </context>
    <context>
        <name>SurvivalPlot</name>
        <message>
            <source>Survival curves</source>
            <translation>Courbes de survie</translation>
        </message>
        <message>
            <source>No survival curve to show.</source>
            <translation>Aucune courbe de survie à afficher.</translation>
        </message>
        <message>
            <source>Months since %1</source>
            <translation>Mois (origine : %1)</translation>
        </message>
        <message>
            <source>Months</source>
            <translation>Mois</translation>
        </message>
        <message>
            <source>Without event</source>
            <translation>Sans événement</translation>
        </message>
        <message>
            <source>%1 (n = %2, events = %3)</source>
            <translation>%1 (n = %2, événements = %3)</translation>
        </message>
        <message>
            <source>%1 months</source>
            <translation>%1 mois</translation>
        </message>
        <message>
            <source>Number at risk</source>
            <translation>Nombre de patients à risque</translation>
        </message>
        <message>
            <source>not reached</source>
            <translation>non atteinte</translation>
        </message>
        <message>
            <source>%1: %2 patients, %3 events, median %4.</source>
            <translation>%1 : %2 patients, %3 événements, médiane : %4.</translation>
        </message>
        <message>
            <source>At %1 months: %2.</source>
            <translation>À %1 mois : %2.</translation>
        </message>
    </context>
    <context>
        <name>TreatmentPage</name>
        <message>
            <source>Imatinib and decision</source>
            <translation>Imatinib et décision</translation>
        </message>
        <message>
            <source>Imatinib until failure</source>
            <translation>Imatinib jusqu’à l’échec</translation>
        </message>
        <message>
            <source>Start dose</source>
            <translation>Dose initiale</translation>
        </message>
        <message>
            <source>Highest dose</source>
            <translation>Dose maximale</translation>
        </message>
        <message>
            <source>Decision after failure</source>
            <translation>Décision après l’échec</translation>
        </message>
        <message>
            <source>Start dose (mg/day)</source>
            <translation>Dose initiale (mg/jour)</translation>
        </message>
        <message>
            <source>Highest dose (mg/day)</source>
            <translation>Dose maximale (mg/jour)</translation>
        </message>
        <message>
            <source>Duration until failure (months)</source>
            <translation>Durée jusqu’à l’échec (mois)</translation>
        </message>
        <message>
            <source>Dose escalated above the start dose: %1.</source>
            <translation>Dose augmentée au-delà de la dose initiale : %1.</translation>
        </message>
        <message numerus="yes">
            <source>%n duration(s) end at the stop of imatinib: no failure date was entered.</source>
            <translation>
                <numerusform>%n durée prend fin à l’arrêt de l’imatinib : aucune date d’échec n’a été saisie.</numerusform>
                <numerusform>%n durées prennent fin à l’arrêt de l’imatinib : aucune date d’échec n’a été saisie.</numerusform>
            </translation>
        </message>
        <message>
            <source>Patients</source>
            <translation>Patients</translation>
        </message>
        <message>
            <source>Median</source>
            <translation>Médiane</translation>
        </message>
        <message>
            <source>Min</source>
            <translation>Min</translation>
        </message>
        <message>
            <source>Max</source>
            <translation>Max</translation>
        </message>
        <message>
            <source>mg/day</source>
            <translation>mg/jour</translation>
        </message>
        <message>
            <source>% of those with a dose</source>
            <translation>% des patients ayant une dose</translation>
        </message>
    </context>
    <context>
        <name>UnlockDialog</name>
        <message>
            <source>cmlentry is locked</source>
            <translation>cmlentry est verrouillé</translation>
        </message>
        <message>
            <source>Sign in to cmlentry</source>
            <translation>Connexion à cmlentry</translation>
        </message>
        <message>
            <source>Signed in as {name} ({user}). Give your password to go on.</source>
            <translation>Connecté en tant que {name} ({user}). Saisissez votre mot de passe pour continuer.</translation>
        </message>
        <message>
            <source>Workspace: {folder}</source>
            <translation>Espace de travail : {folder}</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Nom d’utilisateur</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation>Nom d’&amp;utilisateur :</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>&amp;Mot de passe :</translation>
        </message>
        <message>
            <source>Why the unlock failed</source>
            <translation>Pourquoi le déverrouillage a échoué</translation>
        </message>
        <message>
            <source>Checking the password</source>
            <translation>Vérification du mot de passe</translation>
        </message>
        <message>
            <source>&amp;Forgot your password?</source>
            <translation>Mot de passe &amp;oublié ?</translation>
        </message>
        <message>
            <source>U&amp;nlock</source>
            <translation>Dé&amp;verrouiller</translation>
        </message>
        <message>
            <source>Sign in as &amp;someone else</source>
            <translation>Se connecter sous un &amp;autre nom</translation>
        </message>
        <message>
            <source>Your site administrator can set a new first password for you. If no administrator can sign in, the principal investigator holds the workspace's recovery key (in a sealed envelope): with it, a new password can be set for any user.</source>
            <translation>L’administrateur du site peut vous attribuer un nouveau mot de passe provisoire. Si aucun administrateur ne peut se connecter, l’investigateur principal détient la clé de secours de l’espace de travail (sous pli scellé) : elle permet de définir un nouveau mot de passe pour tout utilisateur.</translation>
        </message>
        <message>
            <source>&amp;Recover with the recovery key…</source>
            <translation>&amp;Récupérer avec la clé de secours…</translation>
        </message>
        <message>
            <source>You must choose your own password before you can work. Sign in again when you are ready.</source>
            <translation>Vous devez choisir votre propre mot de passe avant de pouvoir travailler. Reconnectez-vous quand vous serez prêt(e).</translation>
        </message>
        <message>
            <source>You can try again now.</source>
            <translation>Vous pouvez réessayer maintenant.</translation>
        </message>
        <message>
            <source>A new password was set for {user}. Sign in with it now.</source>
            <translation>Un nouveau mot de passe a été défini pour {user}. Connectez-vous maintenant avec celui-ci.</translation>
        </message>
    </context>
    <context>
        <name>ValueLineEdit</name>
        <message>
            <source>YYYY-MM-DD, YYYY-MM or YYYY; or DD.MM.YYYY</source>
            <translation>AAAA-MM-JJ, AAAA-MM ou AAAA ; ou JJ.MM.AAAA</translation>
        </message>
        <message>
            <source>YYYY-MM-DD or DD.MM.YYYY</source>
            <translation>AAAA-MM-JJ ou JJ.MM.AAAA</translation>
        </message>
        <message>
            <source>whole number</source>
            <translation>nombre entier</translation>
        </message>
        <message>
            <source>number, e.g. 12.5 or 12,5</source>
            <translation>nombre, p. ex. 12,5 ou 12.5</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <source>Set up cmlentry for your site</source>
            <translation>Configurer cmlentry pour votre site</translation>
        </message>
        <message>
            <source>This assistant makes the encrypted workspace in which your site's cases are kept. You will give the site's country and centre code, create the first administrator, add the registry's public key and receive the recovery key, which the principal investigator keeps sealed.</source>
            <translation>Cet assistant crée l’espace de travail chiffré où sont conservés les dossiers de votre site. Vous indiquerez le pays et le code du centre, créerez le premier administrateur, ajouterez la clé publique du registre et recevrez la clé de secours, que l’investigateur principal conserve sous pli scellé.</translation>
        </message>
        <message>
            <source>Workspace folder</source>
            <translation>Dossier de l’espace de travail</translation>
        </message>
        <message>
            <source>&amp;Change…</source>
            <translation>&amp;Changer…</translation>
        </message>
        <message>
            <source>Keep the workspace on this computer's own disk. cmlentry refuses a network share or a USB stick, where saved work could be lost.</source>
            <translation>Gardez l’espace de travail sur le disque interne de cet ordinateur. cmlentry refuse un partage réseau ou une clé USB, où le travail enregistré pourrait être perdu.</translation>
        </message>
        <message>
            <source>&amp;Workspace folder:</source>
            <translation>Dossier de l’espace de &amp;travail :</translation>
        </message>
        <message>
            <source>This folder already holds a workspace: close the assistant and sign in to it, or choose another folder.</source>
            <translation>Ce dossier contient déjà un espace de travail : fermez l’assistant et connectez-vous à celui-ci, ou choisissez un autre dossier.</translation>
        </message>
        <message>
            <source>Where to make the workspace</source>
            <translation>Où créer l’espace de travail</translation>
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>{file} is not a valid acknowledgement ({problem}). Ask the registry to send it again; nothing was changed.</source>
            <extracomment>error ack.invalid; keep {file} {problem}</extracomment>
            <translation>{file} n’est pas un accusé de réception valide ({problem}). Demandez au registre de vous le renvoyer ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This workspace does not trust a registry key yet, so the acknowledgement cannot be checked. A site administrator adds it with 'cmlentry keys trust-registry FILE'; nothing was changed.</source>
            <extracomment>error ack.no_registry_key</extracomment>
            <translation>Cet espace de travail ne fait encore confiance à aucune clé de registre : l’accusé de réception ne peut donc pas être vérifié. Un administrateur du site ajoute la clé du registre avec « cmlentry keys trust-registry FICHIER » ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} holds a query of the registry on case {registry_id} that this workspace cannot take ({problem}). Ask the registry to check the query; nothing of the acknowledgement was applied.</source>
            <extracomment>error ack.query_refused; keep {file} {problem} {registry_id}</extracomment>
            <translation>{file} contient une demande de clarification du registre sur le dossier {registry_id} que cet espace de travail ne peut pas accepter ({problem}). Demandez au registre de vérifier cette demande ; rien de l’accusé de réception n’a été appliqué.</translation>
        </message>
        <message>
            <source>{file} answers batch {sequence}, which this workspace did not make (or made differently). Check that it is meant for this site; nothing was changed.</source>
            <extracomment>error ack.unknown_batch; keep {file} {sequence}</extracomment>
            <translation>{file} répond au lot {sequence}, que cet espace de travail n’a pas créé (ou pas sous cette forme). Vérifiez qu’il est bien destiné à ce site ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Too many wrong passwords: wait {seconds} seconds, then try again.</source>
            <extracomment>error auth.delayed; keep {seconds}</extracomment>
            <translation>Trop de mots de passe erronés : attendez {seconds} secondes, puis réessayez.</translation>
        </message>
        <message>
            <source>The account {username} is disabled. Ask your site administrator if you still need it.</source>
            <extracomment>error auth.disabled; keep {username}</extracomment>
            <translation>Le compte {username} est désactivé. Adressez-vous à l’administrateur du site si vous en avez encore besoin.</translation>
        </message>
        <message>
            <source>The account {username} is locked after too many wrong passwords. Ask your site administrator to set a new password, or use the recovery key ('cmlentry recover').</source>
            <extracomment>error auth.locked; keep {username}</extracomment>
            <translation>Le compte {username} est bloqué après trop de mots de passe erronés. Demandez à l’administrateur du site de définir un nouveau mot de passe, ou utilisez la clé de secours (« cmlentry recover »).</translation>
        </message>
        <message>
            <source>Your role ({role}) may not {action}. Ask a {needed} to do it.</source>
            <extracomment>error auth.not_permitted; keep {action} {needed} {role}</extracomment>
            <translation>Votre rôle ({role}) ne permet pas de {action}. Demandez-le à un utilisateur ayant le rôle {needed}.</translation>
        </message>
        <message>
            <source>{username} must choose a new password before doing anything else: run 'cmlentry user passwd {username}'.</source>
            <extracomment>error auth.password_change_required; keep {username}</extracomment>
            <translation>{username} doit choisir un nouveau mot de passe avant toute autre action : lancez « cmlentry user passwd {username} ».</translation>
        </message>
        <message>
            <source>A recovery key has {groups} groups of {size} letters and digits. Type it again from the sealed copy.</source>
            <extracomment>error auth.recovery_key_malformed; keep {groups} {size}</extracomment>
            <translation>Une clé de secours compte {groups} groupes de {size} lettres et chiffres. Saisissez-la à nouveau à partir de l’exemplaire scellé.</translation>
        </message>
        <message>
            <source>Group {group} of the recovery key has a typing error. Check that group against the sealed copy and type it again.</source>
            <extracomment>error auth.recovery_key_typo; keep {group}</extracomment>
            <translation>Le groupe {group} de la clé de secours contient une faute de frappe. Comparez ce groupe avec l’exemplaire scellé et saisissez-le à nouveau.</translation>
        </message>
        <message>
            <source>The new password is too weak: {why}. Choose another one.</source>
            <extracomment>error auth.weak_password; keep {why}</extracomment>
            <translation>Le nouveau mot de passe est trop faible : {why}. Choisissez-en un autre.</translation>
        </message>
        <message>
            <source>The user name or password is not right. {attempts_left} attempts are left before the account is locked.</source>
            <extracomment>error auth.wrong_credentials; keep {attempts_left}</extracomment>
            <translation>Le nom d’utilisateur ou le mot de passe est incorrect. Il reste {attempts_left} essais avant le blocage du compte.</translation>
        </message>
        <message>
            <source>That recovery key does not open this workspace. Check it against the sealed copy and type it again.</source>
            <extracomment>error auth.wrong_recovery_key</extracomment>
            <translation>Cette clé de secours n’ouvre pas cet espace de travail. Comparez-la avec l’exemplaire scellé et saisissez-la à nouveau.</translation>
        </message>
        <message>
            <source>The password is not right. {attempts_left} attempts are left before the account is locked.</source>
            <extracomment>error auth.wrong_unlock_password; keep {attempts_left}</extracomment>
            <translation>Le mot de passe est incorrect. Il reste {attempts_left} essais avant le blocage du compte.</translation>
        </message>
        <message>
            <source>The backup {path} failed its check ({detail}). It cannot be used; try an older backup.</source>
            <extracomment>error backup.damaged; keep {detail} {path}</extracomment>
            <translation>La sauvegarde {path} n’a pas passé sa vérification ({detail}). Elle est inutilisable ; essayez une sauvegarde plus ancienne.</translation>
        </message>
        <message>
            <source>{path} is not a cmlentry backup. Choose the folder that 'cmlentry backup' wrote.</source>
            <extracomment>error backup.not_found; keep {path}</extracomment>
            <translation>{path} n’est pas une sauvegarde cmlentry. Choisissez le dossier écrit par « cmlentry backup ».</translation>
        </message>
        <message>
            <source>{file} is batch {sequence} of {site}, which was already imported on {imported_at}. Nothing was changed; its acknowledgement was written again.</source>
            <extracomment>error batch.already_imported; keep {file} {imported_at} {sequence} {site}</extracomment>
            <translation>{file} est le lot {sequence} de {site}, déjà importé le {imported_at}. Rien n’a été modifié ; son accusé de réception a été écrit à nouveau.</translation>
        </message>
        <message>
            <source>{file} does not carry a valid signature of {owner}: it was changed or damaged after it was made. Ask the sender to send the file again (it is kept at their end); nothing was changed.</source>
            <extracomment>error batch.bad_signature; keep {file} {owner}</extracomment>
            <translation>{file} ne porte pas de signature valide de {owner} : il a été modifié ou endommagé après sa création. Demandez à l’expéditeur de renvoyer le fichier (il le conserve de son côté) ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{registry_id} is still a draft: complete its forms before sending it. Nothing was made.</source>
            <extracomment>error batch.case_not_ready; keep {registry_id}</extracomment>
            <translation>{registry_id} est encore un brouillon : complétez ses formulaires avant de l’envoyer. Aucun lot n’a été créé.</translation>
        </message>
        <message>
            <source>{registry_id} has not changed since it was last sent, so it need not be sent again (an earlier batch can be written again instead). Nothing was made.</source>
            <extracomment>error batch.case_unchanged; keep {registry_id}</extracomment>
            <translation>{registry_id} n’a pas changé depuis son dernier envoi : inutile de le renvoyer (un lot précédent peut être écrit à nouveau à la place). Aucun lot n’a été créé.</translation>
        </message>
        <message>
            <source>{file} (batch {sequence} of {site}) does not follow the batch {previous} imported from {site}: its link to the previous batch is different. Call {site}; nothing was imported.</source>
            <extracomment>error batch.chain_broken; keep {file} {previous} {sequence} {site}</extracomment>
            <translation>{file} (lot {sequence} de {site}) ne fait pas suite au lot {previous} importé de {site} : son lien vers le lot précédent ne correspond pas. Appelez {site} ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} could not be decrypted: it was damaged or changed. Ask the sender to send the file again (it is kept at their end); nothing was changed.</source>
            <extracomment>error batch.decryption_failed; keep {file}</extracomment>
            <translation>{file} n’a pas pu être déchiffré : il a été endommagé ou modifié. Demandez à l’expéditeur de renvoyer le fichier (il le conserve de son côté) ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} has a header that is not valid ({problem}). Ask the sender to send the file again (it is kept at their end); nothing was changed.</source>
            <extracomment>error batch.header_invalid; keep {file} {problem}</extracomment>
            <translation>{file} a un en-tête non valide ({problem}). Demandez à l’expéditeur de renvoyer le fichier (il le conserve de son côté) ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} has a malformed header ({problem}). Ask the sender to send the file again (it is kept at their end); nothing was changed.</source>
            <extracomment>error batch.header_not_canonical; keep {file} {problem}</extracomment>
            <translation>{file} a un en-tête mal formé ({problem}). Demandez à l’expéditeur de renvoyer le fichier (il le conserve de son côté) ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} has a header larger than {limit_kib} KiB, which no cmlentry writes. Ask the sender to send the file again (it is kept at their end); nothing was changed.</source>
            <extracomment>error batch.header_too_large; keep {file} {limit_kib}</extracomment>
            <translation>{file} a un en-tête de plus de {limit_kib} Kio, ce qu’aucune version de cmlentry n’écrit. Demandez à l’expéditeur de renvoyer le fichier (il le conserve de son côté) ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} is signed with a key of {owner} that has been revoked. Ask {owner} to send it again from their current workspace; nothing was changed.</source>
            <extracomment>error batch.key_revoked; keep {file} {owner}</extracomment>
            <translation>{file} est signé avec une clé de {owner} qui a été révoquée. Demandez à {owner} de le renvoyer depuis son espace de travail actuel ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This workspace does not trust a registry key yet, so a batch could not be encrypted. A site administrator adds it with 'cmlentry keys trust-registry FILE'; nothing was made.</source>
            <extracomment>error batch.no_registry_key</extracomment>
            <translation>Cet espace de travail ne fait encore confiance à aucune clé de registre : aucun lot ne peut donc être chiffré. Un administrateur du site ajoute la clé du registre avec « cmlentry keys trust-registry FICHIER » ; aucun lot n’a été créé.</translation>
        </message>
        <message>
            <source>{file} is not a cmlentry batch or acknowledgement file. Choose the .cmlbatch or .cmlack file you were sent; nothing was changed.</source>
            <extracomment>error batch.not_a_batch; keep {file}</extracomment>
            <translation>{file} n’est ni un fichier de lot ni un accusé de réception cmlentry. Choisissez le fichier .cmlbatch ou .cmlack qui vous a été envoyé ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Batches are made in a site's workspace, not in the registry's. Nothing was made.</source>
            <extracomment>error batch.not_a_site</extracomment>
            <translation>Les lots se créent dans l’espace de travail d’un site, pas dans celui du registre. Aucun lot n’a été créé.</translation>
        </message>
        <message>
            <source>{file} was not encrypted for this workspace's key, so it cannot be opened here. Check that it was sent to the right place; nothing was changed.</source>
            <extracomment>error batch.not_for_us; keep {file}</extracomment>
            <translation>{file} n’a pas été chiffré pour la clé de cet espace de travail : il ne peut donc pas être ouvert ici. Vérifiez qu’il a été envoyé au bon destinataire ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>No case is signed and changed since it was last sent, so there is nothing to export. Choose cases by their registry ID to send complete cases before they are signed; nothing was made.</source>
            <extracomment>error batch.nothing_to_export</extracomment>
            <translation>Aucun dossier n’est à la fois signé et modifié depuis son dernier envoi : il n’y a donc rien à exporter. Pour envoyer des dossiers complets avant leur signature, désignez-les par leur identifiant registre ; aucun lot n’a été créé.</translation>
        </message>
        <message>
            <source>{file} holds data that does not match its signed checksum: it was damaged or changed. Ask the sender to send the file again (it is kept at their end); nothing was changed.</source>
            <extracomment>error batch.payload_hash; keep {file}</extracomment>
            <translation>{file} contient des données qui ne correspondent pas à leur somme de contrôle signée : il a été endommagé ou modifié. Demandez à l’expéditeur de renvoyer le fichier (il le conserve de son côté) ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} passed its signature check but its case data are not laid out as cmlentry writes them ({problem}). Ask the site to export the batch again with the current cmlentry; nothing was imported.</source>
            <extracomment>error batch.payload_invalid; keep {file} {problem}</extracomment>
            <translation>{file} a passé la vérification de sa signature, mais ses données de dossiers ne sont pas organisées comme cmlentry les écrit ({problem}). Demandez au site d’exporter à nouveau le lot avec la version actuelle de cmlentry ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} holds data that does not match its signed list of cases ({problem}). Ask the site to send the batch again; nothing was imported.</source>
            <extracomment>error batch.payload_mismatch; keep {file} {problem}</extracomment>
            <translation>{file} contient des données qui ne correspondent pas à sa liste signée de dossiers ({problem}). Demandez au site de renvoyer le lot ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} would unpack to more data than it says it holds, so it was not unpacked. Ask the sender to send the file again (it is kept at their end); nothing was changed.</source>
            <extracomment>error batch.payload_too_large; keep {file}</extracomment>
            <translation>{file} se décompresserait en plus de données qu’il n’annonce en contenir : il n’a donc pas été décompressé. Demandez à l’expéditeur de renvoyer le fichier (il le conserve de son côté) ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} was not read because its contents hold XML features a cmlentry batch never uses ({problem}). Report it to the registry's security contact and ask the site to export the batch again; nothing was imported.</source>
            <extracomment>error batch.payload_unsafe; keep {file} {problem}</extracomment>
            <translation>{file} n’a pas été lu car son contenu comporte des fonctions XML qu’un lot cmlentry n’emploie jamais ({problem}). Signalez-le au correspondant sécurité du registre et demandez au site d’exporter à nouveau le lot ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>In {file} the case {registry_id} does not match its signed checksum. Ask the site to send the batch again; nothing was imported.</source>
            <extracomment>error batch.record_hash; keep {file} {registry_id}</extracomment>
            <translation>Dans {file}, le dossier {registry_id} ne correspond pas à sa somme de contrôle signée. Demandez au site de renvoyer le lot ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>Case {registry_id} cannot be put in a batch: {problem}. Correct it in the case editor, then export again; no batch was made.</source>
            <extracomment>error batch.record_not_exportable; keep {problem} {registry_id}</extracomment>
            <translation>Le dossier {registry_id} ne peut pas être mis dans un lot : {problem}. Corrigez-le dans l’éditeur de dossier, puis exportez à nouveau ; aucun lot n’a été créé.</translation>
        </message>
        <message>
            <source>{file} was refused; nothing was changed.</source>
            <extracomment>error batch.refused; keep {file}</extracomment>
            <translation>{file} a été refusé ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>The batch could not be verified after it was made, so it was not kept. Nothing was made or sent; please report this to your registry's support.</source>
            <extracomment>error batch.self_check</extracomment>
            <translation>Le lot n’a pas pu être vérifié après sa création : il n’a donc pas été conservé. Rien n’a été créé ni envoyé ; signalez-le à l’assistance de votre registre.</translation>
        </message>
        <message>
            <source>{file} is a second, different batch {sequence} of {site}: a batch with that number was already imported. Call {site}: their workspace may have been restored from a backup or copied; nothing was imported.</source>
            <extracomment>error batch.sequence_fork; keep {file} {sequence} {site}</extracomment>
            <translation>{file} est un second lot {sequence} de {site}, différent du premier : un lot portant ce numéro a déjà été importé. Appelez {site} : son espace de travail a peut-être été restauré à partir d’une sauvegarde, ou copié ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} is batch {sequence} of {site}, but the last batch imported from {site} is {last}, so these batches are missing: {missing}. Ask {site} to send them (their workspace keeps every batch), then import in order; nothing was imported.</source>
            <extracomment>error batch.sequence_gap; keep {file} {last} {missing} {sequence} {site}</extracomment>
            <translation>{file} est le lot {sequence} de {site}, mais le dernier lot importé de {site} est le {last} : il manque donc les lots {missing}. Demandez à {site} de les envoyer (son espace de travail garde tous les lots), puis importez-les dans l’ordre ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} is batch {sequence} of {site}, older than batch {last} already imported, and differs from the batch {sequence} imported then. Call {site}: their workspace may have been restored from an old backup; nothing was imported.</source>
            <extracomment>error batch.sequence_rollback; keep {file} {last} {sequence} {site}</extracomment>
            <translation>{file} est le lot {sequence} de {site}, plus ancien que le lot {last} déjà importé, et il diffère du lot {sequence} importé à l’époque. Appelez {site} : son espace de travail a peut-être été restauré à partir d’une ancienne sauvegarde ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} says it comes from {site}, but it is signed with the key registered for {owner}. Check with both centres; nothing was changed.</source>
            <extracomment>error batch.site_mismatch; keep {file} {owner} {site}</extracomment>
            <translation>{file} indique provenir de {site}, mais il est signé avec la clé enregistrée pour {owner}. Vérifiez auprès des deux centres ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} is larger than such a file can be ({limit_mib} MiB), so it was not read. Check that it is the file you were sent; nothing was changed.</source>
            <extracomment>error batch.too_large; keep {file} {limit_mib}</extracomment>
            <translation>{file} est plus volumineux qu’un tel fichier ne peut l’être ({limit_mib} Mio) : il n’a donc pas été lu. Vérifiez qu’il s’agit bien du fichier qui vous a été envoyé ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} has bytes after its end, so it was changed after it was made. Ask the sender to send the file again (it is kept at their end); nothing was changed.</source>
            <extracomment>error batch.trailing_data; keep {file}</extracomment>
            <translation>{file} contient des octets après sa fin : il a donc été modifié après sa création. Demandez à l’expéditeur de renvoyer le fichier (il le conserve de son côté) ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} is cut short: it was not copied or sent completely. Ask the sender to send the file again (it is kept at their end); nothing was changed.</source>
            <extracomment>error batch.truncated; keep {file}</extracomment>
            <translation>{file} est tronqué : il n’a pas été copié ou envoyé en entier. Demandez à l’expéditeur de renvoyer le fichier (il le conserve de son côté) ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This workspace has no batch number {sequence}. Nothing was written.</source>
            <extracomment>error batch.unknown_batch; keep {sequence}</extracomment>
            <translation>Cet espace de travail n’a pas de lot numéro {sequence}. Rien n’a été écrit.</translation>
        </message>
        <message>
            <source>{file} was entered under the form definition {definition}, which this registry's cmlentry does not have. Install the cmlentry version the site uses; nothing was imported.</source>
            <extracomment>error batch.unknown_definition; keep {definition} {file}</extracomment>
            <translation>{file} a été saisi avec la définition des formulaires {definition}, que la version de cmlentry de ce registre ne connaît pas. Installez la version de cmlentry qu’utilise le site ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} uses a feature this cmlentry does not know, so it cannot be read safely. Ask the sender which cmlentry they use; nothing was changed.</source>
            <extracomment>error batch.unknown_flag; keep {file}</extracomment>
            <translation>{file} utilise une fonction que cette version de cmlentry ne connaît pas : il ne peut donc pas être lu en toute sécurité. Demandez à l’expéditeur quelle version de cmlentry il utilise ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} is signed with a key this workspace does not know. If it comes from a new centre, or from a new key of a centre or of the registry, add that key first (compare its fingerprint by phone); nothing was changed.</source>
            <extracomment>error batch.unknown_sender_key; keep {file}</extracomment>
            <translation>{file} est signé avec une clé que cet espace de travail ne connaît pas. S’il vient d’un nouveau centre, ou d’une nouvelle clé d’un centre ou du registre, ajoutez d’abord cette clé (en comparant son empreinte par téléphone) ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>cmlentry could not read {file} ({reason}). Check the file's name and that you may read it; nothing was changed.</source>
            <extracomment>error batch.unreadable, keys.unreadable; keep {file} {reason}</extracomment>
            <translation>cmlentry n’a pas pu lire {file} ({reason}). Vérifiez le nom du fichier et que vous avez le droit de le lire ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} is written in format version {version}, which this cmlentry does not accept (it reads version {known}). Ask the sender which cmlentry they use; nothing was changed.</source>
            <extracomment>error batch.unsupported_format; keep {file} {known} {version}</extracomment>
            <translation>{file} est écrit dans la version {version} du format, que cette version de cmlentry n’accepte pas (elle lit la version {known}). Demandez à l’expéditeur quelle version de cmlentry il utilise ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Batch {sequence} is made and kept in the workspace, but it could not be written to {folder} ({reason}). Free some space or choose another folder, then write it again with 'Write again' (cmlentry export --again {sequence}); nothing is lost.</source>
            <extracomment>error batch.write_failed; keep {folder} {reason} {sequence}</extracomment>
            <translation>Le lot {sequence} est créé et conservé dans l’espace de travail, mais il n’a pas pu être écrit dans {folder} ({reason}). Libérez de la place ou choisissez un autre dossier, puis écrivez-le à nouveau avec « Écrire à nouveau » (cmlentry export --again {sequence}) ; rien n’est perdu.</translation>
        </message>
        <message>
            <source>{file} is another kind of cmlentry file, not a {expected} file. Choose the right file; nothing was changed.</source>
            <extracomment>error batch.wrong_kind; keep {expected} {file}</extracomment>
            <translation>{file} est un autre type de fichier cmlentry, pas un fichier {expected}. Choisissez le bon fichier ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} was made for another recipient's key, not for this workspace. Check that it was sent to the right place; nothing was changed.</source>
            <extracomment>error batch.wrong_recipient; keep {file}</extracomment>
            <translation>{file} a été créé pour la clé d’un autre destinataire, pas pour cet espace de travail. Vérifiez qu’il a été envoyé au bon endroit ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Cancelled; nothing was changed.</source>
            <extracomment>error cancelled</extracomment>
            <translation>Annulé ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This very file ({file}) was already imported on {when} ({count} cases); importing it again would register the same patients twice. Nothing was changed. If a second copy is really wanted, import it again with --again.</source>
            <extracomment>error cases.already_imported; keep {count} {file} {when}</extracomment>
            <translation>Ce même fichier ({file}) a déjà été importé le {when} ({count} dossiers) ; l’importer à nouveau inscrirait deux fois les mêmes patients. Rien n’a été modifié. Si une seconde copie est vraiment voulue, importez-le à nouveau avec --again.</translation>
        </message>
        <message>
            <source>The form {form} cannot be marked complete yet: {count} problem(s) remain, the first being: {first}</source>
            <extracomment>error cases.not_ready; keep {count} {first} {form}</extracomment>
            <translation>Le formulaire {form} ne peut pas encore être marqué complet : il reste {count} problème(s), dont le premier : {first}</translation>
        </message>
        <message>
            <source>The form {form} is already complete: give a reason for this change (for example 'corrected from the source document'). Nothing was saved yet.</source>
            <extracomment>error cases.reason_required; keep {form}</extracomment>
            <translation>Le formulaire {form} est déjà complet : indiquez le motif de cette modification (par exemple « corrigé d’après le document source »). Rien n’a encore été enregistré.</translation>
        </message>
        <message>
            <source>This centre has used all 9999 registry numbers. Call the registry coordinator.</source>
            <extracomment>error cases.sequence_exhausted</extracomment>
            <translation>Ce centre a utilisé les 9999 numéros du registre. Appelez le coordinateur du registre.</translation>
        </message>
        <message>
            <source>There is no case {registry_id} in this workspace. Check the registry ID.</source>
            <extracomment>error cases.unknown; keep {registry_id}</extracomment>
            <translation>Il n’y a pas de dossier {registry_id} dans cet espace de travail. Vérifiez l’identifiant registre.</translation>
        </message>
        <message>
            <source>The registry database was set up by a newer version of cmlentry. Install the newer version to use it; nothing was changed.</source>
            <extracomment>error central.too_new</extracomment>
            <translation>La base de données du registre a été créée par une version plus récente de cmlentry. Installez cette version pour l’utiliser ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>The registry database {database} on {host} cannot be reached ({reason}). Check that the database server is running and that this computer may connect; nothing was imported.</source>
            <extracomment>error central.unreachable; keep {database} {host} {reason}</extracomment>
            <translation>La base de données du registre {database} sur {host} est injoignable ({reason}). Vérifiez que le serveur de base de données fonctionne et que cet ordinateur a le droit de s’y connecter ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>This registry database address cannot be used: {why}. Nothing was changed.</source>
            <extracomment>error central.url_refused; keep {why}</extracomment>
            <translation>Cette adresse de base de données du registre ne peut pas être utilisée : {why}. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Queries are answered at the site, in its workspace; the registry reads the answer in the site's next batch. Nothing was changed.</source>
            <extracomment>error cli.answered_at_site</extracomment>
            <translation>La réponse aux demandes de clarification se fait sur le site, dans son espace de travail ; le registre la lit dans le prochain lot du site. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Compare the fingerprint of {file} with the centre by phone, then run the command again with --yes; nothing was changed.</source>
            <extracomment>error cli.centre_confirmation_needed; keep {file}</extracomment>
            <translation>Comparez l’empreinte de {file} avec le centre par téléphone, puis relancez la commande avec --yes ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Compare the fingerprint of {file} with the registry coordinator by phone, then run the command again with --yes; nothing was changed.</source>
            <extracomment>error cli.confirmation_needed; keep {file}</extracomment>
            <translation>Comparez l’empreinte de {file} avec le coordinateur du registre par téléphone, puis relancez la commande avec --yes ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>--format csv writes a folder of files (patient.csv ... codebook.csv), so {path} must not end in .csv; give a folder name. Nothing was written.</source>
            <extracomment>error cli.report_csv_target; keep {path}</extracomment>
            <translation>--format csv écrit un dossier de fichiers (patient.csv ... codebook.csv) : {path} ne doit donc pas se terminer par .csv ; indiquez un nom de dossier. Rien n’a été écrit.</translation>
        </message>
        <message>
            <source>The folder {folder} does not exist; create it or choose another --to. Nothing was written.</source>
            <extracomment>error cli.report_folder_missing; keep {folder}</extracomment>
            <translation>Le dossier {folder} n’existe pas ; créez-le ou choisissez un autre --to. Rien n’a été écrit.</translation>
        </message>
        <message>
            <source>{option} applies to {formats} only, not to --format {format}; nothing was written.</source>
            <extracomment>error cli.report_option_not_for_format; keep {format} {formats} {option}</extracomment>
            <translation>{option} ne s’applique qu’à {formats}, pas à --format {format} ; rien n’a été écrit.</translation>
        </message>
        <message>
            <source>{path} does not end in {ending}, as the file --format {format} writes must; choose another name or another --format. Nothing was written.</source>
            <extracomment>error cli.report_target_ending; keep {ending} {format} {path}</extracomment>
            <translation>{path} ne se termine pas par {ending}, alors que le fichier écrit par --format {format} le doit ; choisissez un autre nom ou un autre --format. Rien n’a été écrit.</translation>
        </message>
        <message>
            <source>Something went wrong.</source>
            <extracomment>error cli.report_usage, error, keys.file</extracomment>
            <translation>Un problème est survenu.</translation>
        </message>
        <message>
            <source>The form definition is not valid: {where}: {why}.</source>
            <extracomment>error definition.invalid; keep {where} {why}</extracomment>
            <translation>La définition des formulaires n’est pas valide : {where} : {why}.</translation>
        </message>
        <message>
            <source>{folder} holds files that are not a demo workspace, so cmlentry will not replace them. Choose another folder for the demo; nothing was changed.</source>
            <extracomment>error demo.not_a_demo_folder; keep {folder}</extracomment>
            <translation>{folder} contient des fichiers qui ne sont pas un espace de démonstration : cmlentry ne les remplacera pas. Choisissez un autre dossier pour la démonstration ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>The unsaved typing of {form} of case {registry_id} cannot be restored ({why}). Enter it again; the saved answers are unchanged.</source>
            <extracomment>error drafts.unusable; keep {form} {registry_id} {why}</extracomment>
            <translation>La saisie non enregistrée de {form} du dossier {registry_id} ne peut pas être restaurée ({why}). Saisissez-la à nouveau ; les réponses enregistrées sont inchangées.</translation>
        </message>
        <message>
            <source>{field} is not valid: {why}.</source>
            <extracomment>error input.invalid; keep {field} {why}</extracomment>
            <translation>{field} n’est pas valide : {why}.</translation>
        </message>
        <message>
            <source>There is not enough free space in {folder}. Free some space or choose another place; nothing was changed.</source>
            <extracomment>error io.disk_full; keep {folder}</extracomment>
            <translation>Il n’y a pas assez d’espace libre dans {folder}. Libérez de la place ou choisissez un autre emplacement ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>cmlentry could not write to {folder} ({reason}). Nothing was changed.</source>
            <extracomment>error io.failed; keep {folder} {reason}</extracomment>
            <translation>cmlentry n’a pas pu écrire dans {folder} ({reason}). Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>cmlentry cannot write to {folder} (it is read-only or you lack permission). Choose another place; nothing was changed.</source>
            <extracomment>error io.read_only; keep {folder}</extracomment>
            <translation>cmlentry ne peut pas écrire dans {folder} (lecture seule ou droits insuffisants). Choisissez un autre emplacement ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>The key file {file} is damaged ({problem}). Ask its sender for a new copy; nothing was changed.</source>
            <extracomment>error keys.damaged; keep {file} {problem}</extracomment>
            <translation>Le fichier de clé {file} est endommagé ({problem}). Demandez-en une nouvelle copie à son expéditeur ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} already exists and is not this site's key file. Choose another name; nothing was changed.</source>
            <extracomment>error keys.export_target_exists; keep {file}</extracomment>
            <translation>{file} existe déjà et n’est pas le fichier de clé de ce site. Choisissez un autre nom ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>The key file {file} changed after its fingerprint was shown. Check the new fingerprint with the registry before trusting it; nothing was changed.</source>
            <extracomment>error keys.file_changed; keep {file}</extracomment>
            <translation>Le fichier de clé {file} a changé après l’affichage de son empreinte. Vérifiez la nouvelle empreinte avec le registre avant de lui faire confiance ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This workspace has no site key, so it cannot sign batches. It was set up before site keys existed: call your registry's support. Nothing was changed.</source>
            <extracomment>error keys.no_site_key</extracomment>
            <translation>Cet espace de travail n’a pas de clé de site : il ne peut donc pas signer de lots. Il a été créé avant l’existence des clés de site : appelez l’assistance de votre registre. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} is not a cmlentry public key file. Choose the .cmlkey file you were sent; nothing was changed.</source>
            <extracomment>error keys.not_a_key_file; keep {file}</extracomment>
            <translation>{file} n’est pas un fichier de clé publique cmlentry. Choisissez le fichier .cmlkey qui vous a été envoyé ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This is a registry workspace: site keys and trusted registry keys belong to a site's workspace. Nothing was changed.</source>
            <extracomment>error keys.not_a_site</extracomment>
            <translation>Ceci est un espace de travail du registre : les clés de site et les clés de registre de confiance appartiennent à l’espace de travail d’un site. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This is a site's workspace; only a registry coordinator's workspace (made with 'cmlentry init --registry') holds the registry's keys. Nothing was changed.</source>
            <extracomment>error keys.not_registry</extracomment>
            <translation>Ceci est l’espace de travail d’un site ; seul l’espace de travail d’un coordinateur du registre (créé avec « cmlentry init --registry ») contient les clés du registre. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This workspace already has its site key (fingerprint {fingerprint}); a site has one. Nothing was changed.</source>
            <extracomment>error keys.site_key_exists; keep {fingerprint}</extracomment>
            <translation>Cet espace de travail a déjà sa clé de site (empreinte {fingerprint}) ; un site n’en a qu’une. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>The keys stored in this workspace do not fit together, so they are not used. Restore the last good backup with 'cmlentry restore' and call your registry's support.</source>
            <extracomment>error keys.store_damaged</extracomment>
            <translation>Les clés enregistrées dans cet espace de travail ne concordent pas : elles ne sont donc pas utilisées. Restaurez la dernière sauvegarde valide avec « cmlentry restore » et appelez l’assistance de votre registre.</translation>
        </message>
        <message>
            <source>{file} is larger than a cmlentry public key file can be ({limit} bytes), so it was not read. Choose the .cmlkey file you were sent; nothing was changed.</source>
            <extracomment>error keys.too_large; keep {file} {limit}</extracomment>
            <translation>{file} est plus volumineux qu’un fichier de clé publique cmlentry ne peut l’être ({limit} octets) : il n’a pas été lu. Choisissez le fichier .cmlkey qui vous a été envoyé ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} is a key file of version {version}, which this cmlentry does not know. Install a newer cmlentry or ask the sender for a version {known} file; nothing was changed.</source>
            <extracomment>error keys.unknown_version; keep {file} {known} {version}</extracomment>
            <translation>{file} est un fichier de clé de version {version}, que cette version de cmlentry ne connaît pas. Installez une version plus récente de cmlentry ou demandez à l’expéditeur un fichier de version {known} ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{file} holds the keys of a {found}, not of a {expected}. Choose the {expected}'s key file; nothing was changed.</source>
            <extracomment>error keys.wrong_role; keep {expected} {file} {found}</extracomment>
            <translation>{file} contient les clés d’un(e) {found}, et non d’un(e) {expected}. Choisissez le fichier de clé correspondant à : {expected} ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>The re-keyed copy of the workspace failed its check, so the key rotation was abandoned. The workspace keeps its old key; nothing was changed.</source>
            <extracomment>error maintenance.rotation_failed</extracomment>
            <translation>La copie rechiffrée de l’espace de travail n’a pas passé sa vérification : le changement de clé a été abandonné. L’espace de travail garde son ancienne clé ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{text} is not a registry ID: it looks like FR-086-0007-K (country, centre, number, check character). Check it against the case list.</source>
            <extracomment>error pseudonym.invalid; keep {text}</extracomment>
            <translation>{text} n’est pas un identifiant registre : il a la forme FR-086-0007-K (pays, centre, numéro, caractère de contrôle). Vérifiez-le dans la liste des dossiers.</translation>
        </message>
        <message>
            <source>{text} has a typing error (its check character does not match). Check it against the case list.</source>
            <extracomment>error pseudonym.typo; keep {text}</extracomment>
            <translation>{text} contient une faute de frappe (son caractère de contrôle ne correspond pas). Vérifiez-le dans la liste des dossiers.</translation>
        </message>
        <message>
            <source>This query is already closed or cancelled. Nothing was changed.</source>
            <extracomment>error queries.finished</extracomment>
            <translation>Cette demande de clarification est déjà clôturée ou annulée. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This query has no answer yet, so it cannot be closed: wait for the answer, or cancel it. Nothing was changed.</source>
            <extracomment>error queries.not_answered</extracomment>
            <translation>Cette demande de clarification n’a pas encore de réponse : elle ne peut donc pas être clôturée. Attendez la réponse, ou annulez-la. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This query is not open any more (it was answered, closed or cancelled), so it cannot be answered. Nothing was changed.</source>
            <extracomment>error queries.not_open</extracomment>
            <translation>Cette demande de clarification n’est plus ouverte (elle a déjà une réponse, ou elle a été clôturée ou annulée) : on ne peut donc plus y répondre. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Only {raised_by}, who raised this query, can {action} it. Nothing was changed.</source>
            <extracomment>error queries.not_yours; keep {action} {raised_by}</extracomment>
            <translation>Cette demande de clarification a été émise par {raised_by} : seul son auteur peut effectuer cette action ({action}). Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Only {raised_by}, who raised this query, can cancel it. Nothing was changed.</source>
            <extracomment>error queries.not_yours_to_cancel; keep {raised_by}</extracomment>
            <translation>Cette demande de clarification a été émise par {raised_by} : seule cette personne peut l’annuler. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Only {raised_by}, who raised this query, can close it. Nothing was changed.</source>
            <extracomment>error queries.not_yours_to_close; keep {raised_by}</extracomment>
            <translation>Cette demande de clarification a été émise par {raised_by} : seule cette personne peut la clôturer. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>You raised this query yourself, so someone else answers it; you close it once it is answered, or cancel it. Nothing was changed.</source>
            <extracomment>error queries.own_answer</extracomment>
            <translation>Vous avez émis vous-même cette demande de clarification : c’est donc quelqu’un d’autre qui y répond ; vous la clôturez une fois la réponse donnée, ou vous l’annulez. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Queries from the registry are closed or cancelled only by the registry, in its next acknowledgement. Answer it here. Nothing was changed.</source>
            <extracomment>error queries.registry_closes</extracomment>
            <translation>Les demandes de clarification du registre ne sont clôturées ou annulées que par le registre, dans son prochain accusé de réception. Répondez-y ici. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Queries raised at a site are closed or cancelled only by that site; the registry reads them as they travel in its batches. Nothing was changed.</source>
            <extracomment>error queries.site_closes</extracomment>
            <translation>Les demandes de clarification émises par un site ne sont clôturées ou annulées que par ce site ; le registre les lit dans les lots du site qui les transportent. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This query is {state}, so it cannot be {action}. Nothing was changed.</source>
            <extracomment>error queries.state; keep {action} {state}</extracomment>
            <translation>Cette demande de clarification est à l’état « {state} » : l’action « {action} » n’est pas possible. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>There is no query {query_id} in this workspace. Check its number.</source>
            <extracomment>error queries.unknown; keep {query_id}</extracomment>
            <translation>Il n’existe aucune demande de clarification {query_id} dans cet espace de travail. Vérifiez son numéro.</translation>
        </message>
        <message>
            <source>Batch {sequence} of {site} is imported, but its acknowledgement could not be written to {folder} ({reason}). Write it again with 'cmlentry ack-again {site} {sequence} --to FOLDER'; nothing is lost.</source>
            <extracomment>error registry.ack_not_written; keep {folder} {reason} {sequence} {site}</extracomment>
            <translation>Le lot {sequence} de {site} est importé, mais son accusé de réception n’a pas pu être écrit dans {folder} ({reason}). Écrivez-le à nouveau avec « cmlentry ack-again {site} {sequence} --to DOSSIER » ; rien n’est perdu.</translation>
        </message>
        <message>
            <source>The acknowledgement of batch {sequence} of {centre} was kept by an older cmlentry and cannot be sealed again with queries. They go with the acknowledgement of the next batch; nothing was changed.</source>
            <extracomment>error registry.ack_too_old; keep {centre} {sequence}</extracomment>
            <translation>L’accusé de réception du lot {sequence} de {centre} a été conservé par une version antérieure de cmlentry et ne peut pas être scellé à nouveau avec des demandes de clarification. Elles partiront avec l’accusé de réception du prochain lot ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Batch {sequence} of {site} was never imported here, so there is no acknowledgement of it to write. Check the centre and the batch number ('cmlentry centres list' shows each centre's last batch), or import the batch first; nothing was written.</source>
            <extracomment>error registry.batch_not_imported; keep {sequence} {site}</extracomment>
            <translation>Le lot {sequence} de {site} n’a jamais été importé ici : il n’y a donc pas d’accusé de réception à écrire. Vérifiez le centre et le numéro du lot (« cmlentry centres list » indique le dernier lot de chaque centre), ou importez d’abord le lot ; rien n’a été écrit.</translation>
        </message>
        <message>
            <source>The registry holds no accepted version of case {registry_id}, so no query can be raised on it yet. Check the registry ID; nothing was changed.</source>
            <extracomment>error registry.case_not_held; keep {registry_id}</extracomment>
            <translation>Le registre ne détient aucune version acceptée du dossier {registry_id} : aucune demande de clarification ne peut donc encore être émise sur ce dossier. Vérifiez l’identifiant registre ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{centre} is already registered, with another key. To change its key, revoke the old one first ('cmlentry centres revoke-key {centre} --reason REASON'); nothing was changed.</source>
            <extracomment>error registry.centre_exists; keep {centre}</extracomment>
            <translation>{centre} est déjà enregistré, avec une autre clé. Pour changer sa clé, révoquez d’abord l’ancienne (« cmlentry centres revoke-key {centre} --reason MOTIF ») ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Revision {revision} of {registry_id} cannot be taken: {problem}. Keep the registry's version and ask the centre to look into its queries; nothing was changed.</source>
            <extracomment>error registry.conflict_queries_refused; keep {problem} {registry_id} {revision}</extracomment>
            <translation>La révision {revision} de {registry_id} ne peut pas être retenue : {problem}. Gardez la version du registre et demandez au centre de vérifier ses demandes de clarification ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>No batch of {centre} has been imported yet, so there is no acknowledgement to send its queries with. They go with the acknowledgement of its first batch; nothing was changed.</source>
            <extracomment>error registry.no_ack_to_send; keep {centre}</extracomment>
            <translation>Aucun lot de {centre} n’a encore été importé : il n’y a donc pas d’accusé de réception avec lequel envoyer ses demandes de clarification. Elles partiront avec l’accusé de réception de son premier lot ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Case {registry_id} has no conflicting revision {revision} waiting; `cmlentry conflicts` lists the conflicts that wait. Nothing was changed.</source>
            <extracomment>error registry.no_such_conflict; keep {registry_id} {revision}</extracomment>
            <translation>Le dossier {registry_id} n’a pas de révision {revision} en conflit en attente ; « cmlentry conflicts » liste les conflits en attente. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This is a site's workspace; batches are imported into a registry coordinator's workspace (made with 'cmlentry init --registry'). Nothing was changed.</source>
            <extracomment>error registry.not_registry</extracomment>
            <translation>Ceci est l’espace de travail d’un site ; les lots s’importent dans l’espace de travail d’un coordinateur du registre (créé avec « cmlentry init --registry »). Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Say why the conflict is settled this way (for example what the centre said on the phone); it is kept in the audit trail. Nothing was changed.</source>
            <extracomment>error registry.settle_reason_missing</extracomment>
            <translation>Indiquez pourquoi le conflit est réglé ainsi (par exemple ce que le centre a dit au téléphone) ; le motif est conservé dans la piste d’audit. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>No centre {centre} is registered here. Check the code; nothing was changed.</source>
            <extracomment>error registry.unknown_centre; keep {centre}</extracomment>
            <translation>Aucun centre {centre} n’est enregistré ici. Vérifiez le code ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>Case {case} was entered under the form definition {found}, not {expected}: export the cases of each definition separately.</source>
            <extracomment>error reports.listing.definition; keep {case} {expected} {found}</extracomment>
            <translation>Le dossier {case} a été saisi avec la définition des formulaires {found}, et non {expected} : exportez séparément les dossiers de chaque définition.</translation>
        </message>
        <message>
            <source>This is a site's workspace; the registry report is made in the registry coordinator's workspace, from the batches the sites sent. Nothing was changed.</source>
            <extracomment>error reports.not_registry</extracomment>
            <translation>Ceci est l’espace de travail d’un site ; le rapport du registre se fait dans l’espace de travail du coordinateur du registre, à partir des lots envoyés par les sites. Rien n’a été modifié.</translation>
        </message>
        <message>
            <source>The registry's data kept changing while the ODM file was being written (batches were being imported). Export again when the imports are done; no file was written.</source>
            <extracomment>error reports.odm_data_changing</extracomment>
            <translation>Les données du registre ont changé pendant l’écriture du fichier ODM (des lots étaient en cours d’import). Exportez à nouveau une fois les imports terminés ; aucun fichier n’a été écrit.</translation>
        </message>
        <message>
            <source>Case {registry_id} of centre {centre} cannot be written to an ODM file: {problem}. Ask the centre to correct the case and send it again, then export again; no file was written.</source>
            <extracomment>error reports.odm_record_not_exportable; keep {centre} {problem} {registry_id}</extracomment>
            <translation>Le dossier {registry_id} du centre {centre} ne peut pas être écrit dans un fichier ODM : {problem}. Demandez au centre de corriger le dossier et de le renvoyer, puis exportez à nouveau ; aucun fichier n’a été écrit.</translation>
        </message>
        <message>
            <source>A picture is saved as PNG, SVG or PDF, so the name {name} must end with .png, .svg or .pdf; nothing was saved.</source>
            <extracomment>error reports.picture_format_unknown; keep {name}</extracomment>
            <translation>Une image s’enregistre en PNG, SVG ou PDF : le nom {name} doit donc se terminer par .png, .svg ou .pdf ; rien n’a été enregistré.</translation>
        </message>
        <message>
            <source>The registry's data changed while the workbook was being written (a batch was imported): its report counts {report} patients but its listings {listed} cases. Export again; no file was written.</source>
            <extracomment>error reports.workbook_data_changed; keep {listed} {report}</extracomment>
            <translation>Les données du registre ont changé pendant l’écriture du classeur (un lot a été importé) : son rapport compte {report} patients mais ses listages {listed} dossiers. Exportez à nouveau ; aucun fichier n’a été écrit.</translation>
        </message>
        <message>
            <source>Case {registry_id} is already signed. Nothing was signed again.</source>
            <extracomment>error review.already_signed; keep {registry_id}</extracomment>
            <translation>Le dossier {registry_id} est déjà signé. Rien n’a été signé à nouveau.</translation>
        </message>
        <message>
            <source>Case {registry_id} cannot be signed yet: a form still has an error to fix. Nothing was signed.</source>
            <extracomment>error review.has_errors; keep {registry_id}</extracomment>
            <translation>Le dossier {registry_id} ne peut pas encore être signé : un formulaire a encore une erreur à corriger. Rien n’a été signé.</translation>
        </message>
        <message>
            <source>Case {registry_id} was signed by {signer} on {when} and is locked. Ask the principal investigator to unlock it with a reason before changing it. Nothing was saved.</source>
            <extracomment>error review.locked; keep {registry_id} {signer} {when}</extracomment>
            <translation>Le dossier {registry_id} a été signé par {signer} le {when} et il est verrouillé. Demandez à l’investigateur principal de le déverrouiller en indiquant un motif avant de le modifier. Rien n’a été enregistré.</translation>
        </message>
        <message>
            <source>Case {registry_id} cannot be signed yet: not every form is marked complete. Nothing was signed.</source>
            <extracomment>error review.not_complete; keep {registry_id}</extracomment>
            <translation>Le dossier {registry_id} ne peut pas encore être signé : tous les formulaires ne sont pas marqués complets. Rien n’a été signé.</translation>
        </message>
        <message>
            <source>Case {registry_id} cannot be signed yet: {why}. Nothing was signed.</source>
            <extracomment>error review.not_signable; keep {registry_id} {why}</extracomment>
            <translation>Le dossier {registry_id} ne peut pas encore être signé ({why}). Rien n’a été signé.</translation>
        </message>
        <message>
            <source>Case {registry_id} is not signed, so there is nothing to unlock or verify.</source>
            <extracomment>error review.not_signed; keep {registry_id}</extracomment>
            <translation>Le dossier {registry_id} n’est pas signé : il n’y a donc rien à déverrouiller ni à vérifier.</translation>
        </message>
        <message>
            <source>Case {registry_id} still has unresolved queries ({count}): they must be answered, and the ones raised here closed, before signing. Nothing was signed.</source>
            <extracomment>error review.open_queries; keep {count} {registry_id}</extracomment>
            <translation>Le dossier {registry_id} a encore des demandes de clarification non résolues ({count}) : elles doivent recevoir une réponse, et celles émises ici être clôturées, avant la signature. Rien n’a été signé.</translation>
        </message>
        <message>
            <source>The signature of case {registry_id} does not verify: its signer, time or meaning was altered. Tell the principal investigator; the case must be checked and signed again.</source>
            <extracomment>error review.signature_altered; keep {registry_id}</extracomment>
            <translation>La vérification de la signature du dossier {registry_id} a échoué : son signataire, son heure ou sa signification a été modifié. Prévenez l’investigateur principal : le dossier doit être vérifié et signé à nouveau.</translation>
        </message>
        <message>
            <source>The signature of case {registry_id} does not verify: {problem}. Tell the principal investigator; the case must be checked and signed again.</source>
            <extracomment>error review.signature_invalid; keep {problem} {registry_id}</extracomment>
            <translation>La vérification de la signature du dossier {registry_id} a échoué ({problem}). Prévenez l’investigateur principal : le dossier doit être vérifié et signé à nouveau.</translation>
        </message>
        <message>
            <source>The signature of case {registry_id} does not verify: it was made for another case. Tell the principal investigator; the case must be checked and signed again.</source>
            <extracomment>error review.signature_moved; keep {registry_id}</extracomment>
            <translation>La vérification de la signature du dossier {registry_id} a échoué : elle a été faite pour un autre dossier. Prévenez l’investigateur principal : le dossier doit être vérifié et signé à nouveau.</translation>
        </message>
        <message>
            <source>The signature of case {registry_id} does not verify: the case's answers changed after it was signed. Tell the principal investigator; the case must be checked and signed again.</source>
            <extracomment>error review.signed_content_changed; keep {registry_id}</extracomment>
            <translation>La vérification de la signature du dossier {registry_id} a échoué : les réponses du dossier ont changé après la signature. Prévenez l’investigateur principal : le dossier doit être vérifié et signé à nouveau.</translation>
        </message>
        <message>
            <source>{label} is not valid: {why}.</source>
            <extracomment>error setup.field_invalid; keep {label} {why}</extracomment>
            <translation>{label} n’est pas valide : {why}.</translation>
        </message>
        <message>
            <source>The two passwords differ. Type the same password in both fields.</source>
            <extracomment>error setup.passwords_differ</extracomment>
            <translation>Les deux mots de passe diffèrent. Saisissez le même mot de passe dans les deux champs.</translation>
        </message>
        <message>
            <source>The password is too weak: {why}. Choose another one.</source>
            <extracomment>error setup.weak_password; keep {why}</extracomment>
            <translation>Le mot de passe est trop faible : {why}. Choisissez-en un autre.</translation>
        </message>
        <message>
            <source>{file} is damaged or incomplete ({detail}). Save it again from Excel or LibreOffice as .xlsx and import that copy; nothing was imported.</source>
            <extracomment>error spreadsheet.damaged; keep {detail} {file}</extracomment>
            <translation>{file} est endommagé ou incomplet ({detail}). Enregistrez-le à nouveau au format .xlsx depuis Excel ou LibreOffice et importez cette copie ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} cannot be opened ({detail}). Check the name and folder; nothing was imported.</source>
            <extracomment>error spreadsheet.not_found; keep {detail} {file}</extracomment>
            <translation>{file} ne peut pas être ouvert ({detail}). Vérifiez le nom et le dossier ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} is not an Excel workbook (.xlsx): {detail}. Open it in Excel or LibreOffice and save it as 'Excel Workbook (.xlsx)'; nothing was imported.</source>
            <extracomment>error spreadsheet.not_xlsx; keep {detail} {file}</extracomment>
            <translation>{file} n’est pas un classeur Excel (.xlsx) : {detail}. Ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format « Classeur Excel (.xlsx) » ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} is password-protected or in the old .xls format. Remove the password (Excel: File &gt; Info &gt; Protect Workbook) and save it as 'Excel Workbook (.xlsx)', then import that copy; nothing was imported.</source>
            <extracomment>error spreadsheet.protected; keep {file}</extracomment>
            <translation>{file} est protégé par un mot de passe ou enregistré dans l’ancien format .xls. Retirez le mot de passe (Excel : Fichier &gt; Informations &gt; Protéger le classeur) et enregistrez-le au format « Classeur Excel (.xlsx) », puis importez cette copie ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} cannot be imported ({detail}). Nothing was imported.</source>
            <extracomment>error spreadsheet.refused; keep {detail} {file}</extracomment>
            <translation>{file} ne peut pas être importé ({detail}). Rien n’a été importé.</translation>
        </message>
        <message>
            <source>The workbook {file} has {count} {noun}; the first: {first}. Nothing was imported.</source>
            <extracomment>error spreadsheet.rejected; keep {count} {file} {first} {noun}</extracomment>
            <translation>Le classeur {file} présente {count} problème(s) ; le premier : {first}. Rien n’a été importé.</translation>
        </message>
        <message>
            <source>{path} already exists. Choose another name, or move that file away first; nothing was written.</source>
            <extracomment>error spreadsheet.target_exists; keep {path}</extracomment>
            <translation>{path} existe déjà. Choisissez un autre nom, ou déplacez d’abord ce fichier ; rien n’a été écrit.</translation>
        </message>
        <message>
            <source>{file} is too large to import: {detail}. Split the list into several workbooks, or delete the empty rows and columns below and beside it; nothing was imported.</source>
            <extracomment>error spreadsheet.too_large; keep {detail} {file}</extracomment>
            <translation>{file} est trop volumineux pour être importé : {detail}. Répartissez la liste sur plusieurs classeurs, ou supprimez les lignes et colonnes vides situées en dessous et à côté ; rien n’a été importé.</translation>
        </message>
        <message>
            <source>{file} was refused because {detail}; a workbook saved by Excel or LibreOffice never looks like this. Nothing was imported.</source>
            <extracomment>error spreadsheet.unsafe; keep {detail} {file}</extracomment>
            <translation>{file} a été refusé car {detail} ; un classeur enregistré par Excel ou LibreOffice ne se présente jamais ainsi. Rien n’a été importé.</translation>
        </message>
        <message>
            <source>The survival analysis could not be computed from these data; nothing was shown.</source>
            <extracomment>error survival.input_invalid</extracomment>
            <translation>L’analyse de survie n’a pas pu être calculée à partir de ces données ; rien n’a été affiché.</translation>
        </message>
        <message>
            <source>{count} event flag(s) are neither 1 (event) nor 0 (censored); nothing was computed. Please report this to your registry's support.</source>
            <extracomment>error survival.invalid_event; keep {count}</extracomment>
            <translation>{count} indicateur(s) d’événement ne valent ni 1 (événement) ni 0 (censure) ; rien n’a été calculé. Signalez-le à l’assistance de votre registre.</translation>
        </message>
        <message>
            <source>{count} follow-up time(s) are not finite numbers; nothing was computed. Please report this to your registry's support.</source>
            <extracomment>error survival.invalid_time; keep {count}</extracomment>
            <translation>{count} durée(s) de suivi ne sont pas des nombres finis ; rien n’a été calculé. Signalez-le à l’assistance de votre registre.</translation>
        </message>
        <message>
            <source>The survival analysis was given {times} times but {events} event flags, which must pair up one to one; nothing was computed. Please report this to your registry's support.</source>
            <extracomment>error survival.lengths_differ; keep {events} {times}</extracomment>
            <translation>L’analyse de survie a reçu {times} durées mais {events} indicateurs d’événement, qui doivent se correspondre un à un ; rien n’a été calculé. Signalez-le à l’assistance de votre registre.</translation>
        </message>
        <message>
            <source>{count} follow-up time(s) are negative, so an end is dated before its start; nothing was computed. Check those patients' dates.</source>
            <extracomment>error survival.negative_time; keep {count}</extracomment>
            <translation>{count} durée(s) de suivi sont négatives, donc une fin est datée avant son début ; rien n’a été calculé. Vérifiez les dates de ces patients.</translation>
        </message>
        <message>
            <source>No patient is left for the survival analysis of {what}: choose more patients or another end point.</source>
            <extracomment>error survival.no_observations; keep {what}</extracomment>
            <translation>Il ne reste aucun patient pour l’analyse de survie ({what}) : choisissez davantage de patients ou un autre critère de jugement.</translation>
        </message>
        <message>
            <source>A log-rank test compares at least two groups of patients, and {count} group(s) have patients: choose a grouping that splits them.</source>
            <extracomment>error survival.too_few_groups; keep {count}</extracomment>
            <translation>Un test du log-rank compare au moins deux groupes de patients, or seulement {count} groupe(s) en contiennent : choisissez un regroupement qui les répartit.</translation>
        </message>
        <message>
            <source>'{ci}' is not a type of confidence interval: choose plain, log or log-log.</source>
            <extracomment>error survival.unknown_ci_type; keep {ci}</extracomment>
            <translation>« {ci} » n’est pas un type d’intervalle de confiance : choisissez plain, log ou log-log.</translation>
        </message>
        <message>
            <source>There is already a user called {username}. Choose another user name.</source>
            <extracomment>error users.exists; keep {username}</extracomment>
            <translation>Il existe déjà un utilisateur nommé {username}. Choisissez un autre nom d’utilisateur.</translation>
        </message>
        <message>
            <source>{username} is the last active site administrator. Give another user that role first.</source>
            <extracomment>error users.last_admin; keep {username}</extracomment>
            <translation>{username} est le dernier administrateur de site actif. Attribuez d’abord ce rôle à un autre utilisateur.</translation>
        </message>
        <message>
            <source>There is no user called {username} in this workspace. Check the spelling.</source>
            <extracomment>error users.unknown; keep {username}</extracomment>
            <translation>Il n’y a pas d’utilisateur nommé {username} dans cet espace de travail. Vérifiez l’orthographe.</translation>
        </message>
        <message>
            <source>The workspace file is damaged, so cmlentry will not write to it. Nothing more was changed. Restore the last good backup with 'cmlentry restore' and call your site administrator.</source>
            <extracomment>error workspace.damaged</extracomment>
            <translation>Le fichier de l’espace de travail est endommagé : cmlentry n’y écrira plus. Rien d’autre n’a été modifié. Restaurez la dernière sauvegarde valide avec « cmlentry restore » et appelez l’administrateur du site.</translation>
        </message>
        <message>
            <source>{folder} already holds files. Choose an empty or new folder; nothing was changed.</source>
            <extracomment>error workspace.exists; keep {folder}</extracomment>
            <translation>{folder} contient déjà des fichiers. Choisissez un dossier vide ou nouveau ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This workspace is already open in another cmlentry window or command. Close it there, then try again.</source>
            <extracomment>error workspace.in_use</extracomment>
            <translation>Cet espace de travail est déjà ouvert dans une autre fenêtre ou commande cmlentry. Fermez-le là-bas, puis réessayez.</translation>
        </message>
        <message>
            <source>cmlentry cannot keep its crash-safety journal for the workspace in {folder}. Move the workspace to this computer's own disk; nothing was changed.</source>
            <extracomment>error workspace.journal_unavailable; keep {folder}</extracomment>
            <translation>cmlentry ne peut pas tenir le journal qui protège l’espace de travail des pannes dans {folder}. Déplacez l’espace de travail sur le disque interne de cet ordinateur ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>{folder} is on a network share or removable drive ({kind}). Keep the workspace on this computer's own disk so no saved work can be lost.</source>
            <extracomment>error workspace.network_share; keep {folder} {kind}</extracomment>
            <translation>{folder} se trouve sur un partage réseau ou un support amovible ({kind}). Gardez l’espace de travail sur le disque interne de cet ordinateur pour qu’aucun travail enregistré ne puisse être perdu.</translation>
        </message>
        <message>
            <source>{folder} is not a cmlentry workspace. Check the folder name, or create a workspace there with 'cmlentry init'.</source>
            <extracomment>error workspace.not_found; keep {folder}</extracomment>
            <translation>{folder} n’est pas un espace de travail cmlentry. Vérifiez le nom du dossier, ou créez-y un espace de travail avec « cmlentry init ».</translation>
        </message>
        <message>
            <source>The key file of this workspace (keyslots.json) is missing or damaged, so it cannot be unlocked. Restore the last good backup with 'cmlentry restore'; nothing was changed.</source>
            <extracomment>error workspace.slots_damaged</extracomment>
            <translation>Le fichier des clés de cet espace de travail (keyslots.json) est absent ou endommagé : l’espace ne peut donc pas être déverrouillé. Restaurez la dernière sauvegarde valide avec « cmlentry restore » ; rien n’a été modifié.</translation>
        </message>
        <message>
            <source>This workspace was made by a newer version of cmlentry. Install the newer version to open it; nothing was changed.</source>
            <extracomment>error workspace.too_new</extracomment>
            <translation>Cet espace de travail a été créé par une version plus récente de cmlentry. Installez cette version pour l’ouvrir ; rien n’a été modifié.</translation>
        </message>
    </context>
    <context>
        <name>meanings</name>
        <message>
            <source>I confirm these data are accurate and complete</source>
            <translation>Je confirme que ces données sont exactes et complètes</translation>
        </message>
    </context>
    <context>
        <name>messages</name>
        <message>
            <source>cmlentry met an unexpected problem. Your saved work is safe; try again, and if it happens again, tell your site administrator.</source>
            <translation>cmlentry a rencontré un problème inattendu. Votre travail enregistré est en sécurité ; réessayez et, si le problème se reproduit, prévenez l’administrateur du site.</translation>
        </message>
        <message>
            <source>cmlentry</source>
            <translation>cmlentry</translation>
        </message>
    </context>
    <context>
        <name>read_acknowledgement</name>
        <message>
            <source>Read the registry's acknowledgement</source>
            <translation>Lire l’accusé de réception du registre</translation>
        </message>
        <message>
            <source>cmlentry acknowledgements (*.cmlack);;All files (*)</source>
            <translation>Accusés de réception cmlentry (*.cmlack);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>Reading %1</source>
            <translation>Lecture de %1</translation>
        </message>
    </context>
    <context>
        <name>report_words</name>
        <message>
            <source>progression to AP/BC</source>
            <translation>progression en PA/CB</translation>
        </message>
        <message>
            <source>progression to AP/BC or death</source>
            <translation>progression en PA/CB ou décès</translation>
        </message>
        <message>
            <source>progression to AP/BC or loss of CHR, MCyR or CCyR (persistent response)</source>
            <translation>progression en PA/CB ou perte de la RHC, RCyM ou RCyC (réponse persistante)</translation>
        </message>
        <message>
            <source>progression to AP/BC, loss of CHR, MCyR or CCyR, death or stop of imatinib (EFS)</source>
            <translation>progression en PA/CB, perte de la RHC, RCyM ou RCyC, décès ou arrêt de l’imatinib (SSE)</translation>
        </message>
        <message>
            <source>start of imatinib</source>
            <translation>début de l’imatinib</translation>
        </message>
        <message>
            <source>failure of imatinib</source>
            <translation>échec de l’imatinib</translation>
        </message>
        <message>
            <source>registration</source>
            <translation>inclusion</translation>
        </message>
        <message>
            <source>plain (Ŝ ± 1.96·SE)</source>
            <translation>simple (Ŝ ± 1,96·ES)</translation>
        </message>
        <message>
            <source>log</source>
            <translation>log</translation>
        </message>
        <message>
            <source>log-log</source>
            <translation>log-log</translation>
        </message>
        <message>
            <source>no date of registration and no date of receipt</source>
            <translation>ni date d’inclusion ni date de réception</translation>
        </message>
        <message>
            <source>sex not entered</source>
            <translation>sexe non saisi</translation>
        </message>
        <message>
            <source>year of birth or date of diagnosis not entered or not valid, or diagnosis before birth</source>
            <translation>année de naissance ou date de diagnostic non saisie ou non valide, ou diagnostic antérieur à la naissance</translation>
        </message>
        <message>
            <source>prospective study participation unknown</source>
            <translation>participation à une étude prospective inconnue</translation>
        </message>
        <message>
            <source>prospective study participation not entered</source>
            <translation>participation à une étude prospective non saisie</translation>
        </message>
        <message>
            <source>no reason for registration entered</source>
            <translation>aucun motif d’inclusion saisi</translation>
        </message>
        <message>
            <source>no daily dose in the dose history</source>
            <translation>aucune dose quotidienne dans l’historique des doses</translation>
        </message>
        <message>
            <source>no dose row with a usable “From” date</source>
            <translation>aucune ligne de dose avec une date « From » utilisable</translation>
        </message>
        <message>
            <source>imatinib start, failure or stop date not usable</source>
            <translation>date de début, d’échec ou d’arrêt de l’imatinib inutilisable</translation>
        </message>
        <message>
            <source>no decision after failure entered</source>
            <translation>aucune décision après l’échec saisie</translation>
        </message>
        <message>
            <source>no usable date for the origin</source>
            <translation>aucune date utilisable pour l’origine</translation>
        </message>
        <message>
            <source>in accelerated phase or blast crisis at or before the origin</source>
            <translation>en phase accélérée ou en crise blastique à l’origine ou avant</translation>
        </message>
        <message>
            <source>died on or before the origin</source>
            <translation>décès à la date d’origine ou avant</translation>
        </message>
        <message>
            <source>an event of the set without a usable date</source>
            <translation>un événement retenu sans date utilisable</translation>
        </message>
        <message>
            <source>no date of last contact and no event</source>
            <translation>ni date de dernières nouvelles ni événement</translation>
        </message>
        <message>
            <source>last contact before the origin and no event</source>
            <translation>dernières nouvelles avant l’origine et aucun événement</translation>
        </message>
        <message>
            <source>allogeneic transplant without a usable date</source>
            <translation>allogreffe de cellules souches sans date utilisable</translation>
        </message>
        <message>
            <source>allogeneic transplant on or before the origin</source>
            <translation>allogreffe de cellules souches à l’origine ou avant</translation>
        </message>
        <message>
            <source>no usable imatinib start date</source>
            <translation>aucune date de début de l’imatinib utilisable</translation>
        </message>
        <message>
            <source>no blood count on imatinib that shows CHR or its absence</source>
            <translation>aucun hémogramme sous imatinib montrant la RHC ou son absence</translation>
        </message>
        <message>
            <source>no evaluable karyotype 11 to 13.5 months into imatinib</source>
            <translation>aucun caryotype évaluable entre 11 et 13,5 mois de traitement par imatinib</translation>
        </message>
        <message>
            <source>Sokal score not evaluable</source>
            <translation>score de Sokal non évaluable</translation>
        </message>
        <message>
            <source>an interruption for toxicity without usable dates</source>
            <translation>une interruption pour toxicité sans dates utilisables</translation>
        </message>
        <message>
            <source>low risk</source>
            <translation>risque faible</translation>
        </message>
        <message>
            <source>intermediate risk</source>
            <translation>risque intermédiaire</translation>
        </message>
        <message>
            <source>high risk</source>
            <translation>risque élevé</translation>
        </message>
        <message>
            <source>complete (0 % Ph+)</source>
            <translation>complète (0 % Ph+)</translation>
        </message>
        <message>
            <source>partial (1–35 % Ph+)</source>
            <translation>partielle (1–35 % Ph+)</translation>
        </message>
        <message>
            <source>minor (36–65 % Ph+)</source>
            <translation>mineure (36–65 % Ph+)</translation>
        </message>
        <message>
            <source>minimal (66–95 % Ph+)</source>
            <translation>minimale (66–95 % Ph+)</translation>
        </message>
        <message>
            <source>none (&gt; 95 % Ph+)</source>
            <translation>aucune (&gt; 95 % Ph+)</translation>
        </message>
        <message>
            <source>neutropenia</source>
            <translation>neutropénie</translation>
        </message>
        <message>
            <source>thrombocytopenia</source>
            <translation>thrombopénie</translation>
        </message>
        <message>
            <source>anaemia</source>
            <translation>anémie</translation>
        </message>
    </context>
    <context>
        <name>review</name>
        <message>
            <source>Case signed</source>
            <translation>Dossier signé</translation>
        </message>
        <message>
            <source>%1 UTC (%2 local time)</source>
            <translation>%1 UTC (%2 heure locale)</translation>
        </message>
        <message>
            <source>The signature records the statement in English: “%1”</source>
            <translation>La signature enregistre la déclaration en anglais : « %1 »</translation>
        </message>
        <message>
            <source>“%1”</source>
            <translation>« %1 »</translation>
        </message>
        <message>
            <source>Signed by %1 on %2</source>
            <translation>Signé par %1 le %2</translation>
        </message>
        <message>
            <source>Signed by %1 on %2; dropped on %3 by %4: “%5”</source>
            <translation>Signé par %1 le %2 ; signature retirée le %3 par %4 : « %5 »</translation>
        </message>
        <message>
            <source>Signed by %1 on %2; dropped on %3 by %4</source>
            <translation>Signé par %1 le %2 ; signature retirée le %3 par %4</translation>
        </message>
        <message>
            <source>Case: %1</source>
            <translation>Dossier : %1</translation>
        </message>
        <message>
            <source>Signed by: %1 (%2, user %3)</source>
            <translation>Signé par : %1 (%2, utilisateur %3)</translation>
        </message>
        <message>
            <source>When: %1</source>
            <translation>Date : %1</translation>
        </message>
        <message>
            <source>Meaning: “%1”</source>
            <translation>Signification : « %1 »</translation>
        </message>
        <message>
            <source>Fingerprint of the signed data (SHA-256): %1</source>
            <translation>Empreinte des données signées (SHA-256) : %1</translation>
        </message>
        <message>
            <source>Dropped: %1 by %2, because “%3”</source>
            <translation>Signature retirée le %1 par %2, motif : « %3 »</translation>
        </message>
    </context>
    <context>
        <name>roles</name>
        <message>
            <source>research nurse</source>
            <translation>infirmière de recherche clinique</translation>
        </message>
        <message>
            <source>principal investigator</source>
            <translation>investigateur principal</translation>
        </message>
        <message>
            <source>site administrator</source>
            <translation>administrateur du site</translation>
        </message>
        <message>
            <source>registry coordinator</source>
            <translation>coordinateur du registre</translation>
        </message>
    </context>
    <context>
        <name>summary_print</name>
        <message>
            <source>Print the summary of case %1</source>
            <translation>Imprimer le résumé du dossier %1</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>Documents PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Writing the summary of %1</source>
            <translation>Écriture du résumé de %1</translation>
        </message>
        <message>
            <source>Case summary written</source>
            <translation>Résumé du dossier enregistré</translation>
        </message>
        <message>
            <source>The summary of case %1 is written: %2. Print it for the site file; it holds no name or other identifying detail.</source>
            <translation>Le résumé du dossier %1 est enregistré : %2. Imprimez-le pour les archives du site ; il ne contient ni nom ni autre donnée identifiante.</translation>
        </message>
    </context>
    <context>
        <name>unlock_case</name>
        <message>
            <source>Unlock case %1</source>
            <translation>Déverrouiller le dossier %1</translation>
        </message>
        <message>
            <source>Case %1 is signed and locked. Unlocking drops your signature: the case can be changed again, and it must be reviewed and signed again before it is sent to the registry. The signature stays in the case's list of signatures with your reason.</source>
            <translation>Le dossier %1 est signé et verrouillé. Le déverrouiller retire votre signature : le dossier peut de nouveau être modifié, et il doit être relu et signé à nouveau avant d’être envoyé au registre. La signature reste dans la liste des signatures du dossier, avec votre motif.</translation>
        </message>
        <message>
            <source>correction after source verification</source>
            <translation>correction après vérification sur le document source</translation>
        </message>
        <message>
            <source>query from the registry to answer</source>
            <translation>réponse à une demande de clarification du registre</translation>
        </message>
        <message>
            <source>new follow-up data to enter</source>
            <translation>nouvelles données de suivi à saisir</translation>
        </message>
        <message>
            <source>signed by mistake</source>
            <translation>signé par erreur</translation>
        </message>
        <message>
            <source>Unlock and drop the signature</source>
            <translation>Déverrouiller et retirer la signature</translation>
        </message>
        <message>
            <source>Case unlocked</source>
            <translation>Dossier déverrouillé</translation>
        </message>
        <message>
            <source>Case %1 is unlocked and its signature dropped. It can be changed now; sign it again when it is ready (Case → Review and sign…).</source>
            <translation>Le dossier %1 est déverrouillé et sa signature retirée. Il peut maintenant être modifié ; signez-le à nouveau quand il sera prêt (Dossier → Relire et signer…).</translation>
        </message>
    </context>
</TS>
